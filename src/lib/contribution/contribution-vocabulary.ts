/**
 * The words of the contribution form ("proposer, corriger, recevoir des demandes"): who contributes,
 * what they ask for, the limits of every field. Shared by the form, the server, the emails and the docs.
 */

/** What a contribution asks for: a missing service, a correction of an entry, or receiving referrals. */
export const CONTRIBUTION_KINDS = ['nouveau', 'correction', 'orientation'] as const;
export type ContributionKind = (typeof CONTRIBUTION_KINDS)[number];
export const CONTRIBUTION_KIND_LABELS: Record<ContributionKind, string> = {
  nouveau: 'Nouveau service',
  correction: 'Correction d’une fiche',
  orientation: 'Recevoir les demandes d’orientation',
};

export const CONTRIBUTOR_ROLES = ['gestionnaire', 'federation', 'professionnel', 'autre'] as const;
export type ContributorRole = (typeof CONTRIBUTOR_ROLES)[number];
export const CONTRIBUTOR_ROLE_LABELS: Record<ContributorRole, string> = {
  gestionnaire: 'Je gère ce service',
  federation: 'Fédération ou réseau',
  professionnel: 'Professionnel ou professionnelle',
  autre: 'Autre',
};

/**
 * What the published file says of who proposed a change: never a name nor an address, only the kind
 * of contributor (the moderators' message alone carries who wrote).
 */
export const CONTRIBUTOR_ROLE_PUBLIC: Record<ContributorRole, string> = {
  gestionnaire: 'proposé par le service',
  federation: 'proposé par une fédération',
  professionnel: 'proposé par un professionnel',
  autre: 'proposé par un visiteur',
};

/** The contribution pages: propose a service, correct an entry, or ask for it to receive referrals. */
export const CONTRIBUTION_PATHS = {
  propose: '/contribuer/',
  correct: (serviceId: string): string => `/contribuer/?service=${encodeURIComponent(serviceId)}`,
  optIn: (serviceId: string): string => `/contribuer/?service=${encodeURIComponent(serviceId)}&demande=orientation`,
  /** The confirmation link's page (the token follows as `jeton`). */
  confirm: '/contribuer/confirmer/',
} as const;

/** The labels of the links to the contribution pages, wherever they appear. */
export const CONTRIBUTION_LINKS = {
  correct: 'Signaler une erreur / Proposer une correction',
  optIn: 'Recevoir les demandes d’orientation',
  propose: 'Proposer un service',
  /** After "no service known here". */
  whiteZone: 'Vous connaissez un service qui manque ? Proposez-le',
} as const;

/** The heading of an accepted contribution's answer, on the page after a plain POST and in place with JavaScript. */
export const CONTRIBUTION_ANSWER_TITLES = {
  transmise: 'Contribution transmise',
  'lien-envoye': 'Lien de confirmation envoyé',
} as const;

export const CONTRIBUTION_LIMITS = {
  /** The whole body of a request. */
  bodyMaxBytes: 32 * 1024,
  /** A one-line field (name, address, hours…). */
  lineMax: 200,
  /** A free text (summary, description, note to moderators). */
  textMax: 2000,
  /** Minimum time between opening the form and sending it (robots send at once). */
  minFillMs: 3000,
  /** How long a confirmation link of an opt-in stays valid. */
  tokenValidityDays: 5,
} as const;
