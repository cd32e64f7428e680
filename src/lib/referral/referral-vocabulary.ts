/**
 * The words of the referral form ("demande d'orientation"): who asks, court decisions, the violence
 * question and the limits of every field. Shared by the schema, the form, the emails and docs/orientation.md.
 */
import type { AccessMode } from '../services/service-vocabulary.ts';

export const REQUESTER_ROLES = ['parent', 'grand-parent', 'autre-proche', 'avocat', 'magistrat', 'travailleur-social', 'autre'] as const;
export type RequesterRole = (typeof REQUESTER_ROLES)[number];
export const REQUESTER_ROLE_LABELS: Record<RequesterRole, string> = {
  parent: 'Parent',
  'grand-parent': 'Grand-parent',
  'autre-proche': 'Autre membre de la famille ou proche',
  avocat: 'Avocat ou avocate',
  magistrat: 'Juge ou greffier, greffière',
  'travailleur-social': 'Travailleur social, travailleuse sociale',
  autre: 'Autre',
};

export const COURT_DECISIONS = ['aucune', 'jaf', 'juge-des-enfants'] as const;
export type CourtDecisionType = (typeof COURT_DECISIONS)[number];
export const COURT_DECISION_LABELS: Record<CourtDecisionType, string> = {
  aucune: 'Pas de décision de justice',
  jaf: 'Décision du juge aux affaires familiales (JAF)',
  'juge-des-enfants': 'Décision du juge des enfants',
};

export const VIOLENCE_ANSWERS = ['oui', 'non', 'ne-sait-pas'] as const;
export type ViolenceAnswer = (typeof VIOLENCE_ANSWERS)[number];
export const VIOLENCE_ANSWER_LABELS: Record<ViolenceAnswer, string> = {
  oui: 'Oui',
  non: 'Non',
  'ne-sait-pas': 'Je ne sais pas ou je préfère ne pas répondre',
};

/** Limits of every field, in characters unless said otherwise. */
export const REFERRAL_LIMITS = {
  nameMax: 100,
  emailMax: 254,
  phoneMax: 25,
  messageMax: 2000,
  childrenMax: 12,
  childAgeMax: 21,
  serviceIdMax: 120,
  /** Whole request body, in bytes: the largest valid form is far below. */
  bodyMaxBytes: 16 * 1024,
  /** A person takes longer than this to fill the form; a robot usually does not. */
  minFillMs: 3000,
} as const;

/**
 * How the family arrives at the service, which services accept or not (`orientation.acceptedAccess`):
 * a court decision first, otherwise the person who asks.
 */
export function accessModeOf(request: { courtDecision: { type: CourtDecisionType }; requester: { role: RequesterRole } }): AccessMode {
  if (request.courtDecision.type === 'jaf') return 'decision-jaf';
  if (request.courtDecision.type === 'juge-des-enfants') return 'decision-juge-des-enfants';
  switch (request.requester.role) {
    case 'travailleur-social':
      return 'orientation-service-social';
    case 'avocat':
    case 'magistrat':
      return 'orientation-professionnel';
    default:
      return 'demarche-spontanee';
  }
}
