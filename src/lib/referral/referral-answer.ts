/**
 * The answers of POST /api/orientation (the JSON contract documented in docs/orientation.md), shared by the
 * server, the result page and the form island.
 */
import type { CommuneChoice, FieldErrors } from './referral-form.ts';
import type { ServiceKind } from '../services/service-vocabulary.ts';
import type { ViolenceAnswer } from './referral-vocabulary.ts';

/** A service as an answer shows it: public facts only (never its referral address). */
export interface PublicService {
  id: string;
  name: string;
  /** Kilometres from the commune's centre to the nearest location. */
  distanceKm: number;
  communeName: string;
  phone?: string;
  website?: string;
  email?: string;
  /** Page of the service on Passerelle. */
  path: string;
}

/** 200: the request was sent to a service. */
export interface SentAnswer {
  status: 'envoyee';
  /** Short reference the person can quote. */
  reference: string;
  service: PublicService;
  /**
   * envoye: sent; non-demande: no address given, or e-mail refused; echec: could not be sent;
   * limite: not sent, this address has had enough acknowledgements this hour.
   */
  acknowledgement: 'envoye' | 'non-demande' | 'echec' | 'limite';
  violence: ViolenceAnswer;
  /** Why the service chosen by the person did not receive the request. */
  preferredServiceProblem?: string;
}

/** 200: no service can receive the request online; nothing was sent. */
export interface ContactDirectlyAnswer {
  status: 'a-contacter-directement';
  communeName: string;
  /** The kind asked: its near distance (NEAR_DISTANCE_KM) bounds the services listed and says where to ask. */
  kind: ServiceKind;
  /** The kind asked (mediation) is never used where violence is alleged. */
  excludedForViolence: boolean;
  /** The nearest services offering the kind within its near distance, to contact by phone or website. */
  services: PublicService[];
  violence: ViolenceAnswer;
  preferredServiceProblem?: string;
}

export type SuccessAnswer = SentAnswer | ContactDirectlyAnswer;

/** 422: one French message per field. */
export interface InvalidAnswer {
  status: 'invalide';
  errors: FieldErrors;
  /** Communes to choose from when the one typed is ambiguous. */
  communeChoices?: CommuneChoice[];
}

/** 413, 415, 429: refused (before reading the request, or because the service got too many this hour). */
export interface RefusedAnswer {
  status: 'refusee';
  error: string;
  /** The service to call instead, when it is the one that cannot take more requests. */
  service?: PublicService;
}

/** 409: this submission was already sent with other answers; nothing was sent now. */
export interface ConflictAnswer {
  status: 'deja-envoyee';
  error: string;
  reference: string;
  service: PublicService;
}

/** 503: the mail could not be sent; the service's own contact is given. */
export interface SendFailedAnswer {
  status: 'echec-envoi';
  error: string;
  service: PublicService;
}

export type ReferralAnswer = SuccessAnswer | InvalidAnswer | RefusedAnswer | ConflictAnswer | SendFailedAnswer;

/** The phone and website of a service, to show beside a failure or a refusal. */
export function serviceContactLines(service: Pick<PublicService, 'phone' | 'website'> | undefined): { phone?: string; website?: string } {
  return { ...(service?.phone ? { phone: service.phone } : {}), ...(service?.website ? { website: service.website } : {}) };
}

/**
 * What to tell the person when the answer is not one of ours (not JSON): a proxy's error page, or
 * Astro's own refusal of a form from another origin (403, in English), by status.
 */
export function unexpectedAnswerMessage(status: number): string {
  const kept = 'Ce que vous avez écrit est conservé.';
  const later = 'Réessayez dans quelques minutes ; si cela recommence, appelez directement un service.';
  if (status === 413) return `La demande est trop volumineuse : raccourcissez le message, puis renvoyez-la. ${kept}`;
  if (status === 429)
    return `Trop de demandes ont été envoyées depuis votre connexion : patientez quelques minutes, puis renvoyez la demande. ${kept}`;
  if (status === 403) return `Le site a refusé la demande pour une raison technique (erreur 403). ${kept} ${later}`;
  if (status >= 500) return `Le site ne peut pas traiter la demande pour le moment (erreur ${status}). ${kept} ${later}`;
  return `Le site a répondu de façon inattendue (erreur ${status}). ${kept} ${later}`;
}
