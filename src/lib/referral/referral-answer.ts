/**
 * The answers of POST /api/orientation (the JSON contract documented in the README), shared by the
 * server, the result page and the form island.
 */
import type { CommuneChoice } from './referral-form.ts';
import type { FieldErrors } from './referral-schema.ts';
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
  /** envoye: sent; non-demande: no address given, or e-mail refused; echec: could not be sent. */
  acknowledgement: 'envoye' | 'non-demande' | 'echec';
  violence: ViolenceAnswer;
  /** Why the service chosen by the person did not receive the request. */
  preferredServiceProblem?: string;
}

/** 200: no service can receive the request online; nothing was sent. */
export interface ContactDirectlyAnswer {
  status: 'a-contacter-directement';
  communeName: string;
  /** The kind asked (mediation) is never used where violence is alleged. */
  excludedForViolence: boolean;
  /** The nearest services offering the kind, to contact by phone or website. */
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

/** 413, 415, 429: refused before reading the request. */
export interface RefusedAnswer {
  status: 'refusee';
  error: string;
}

/** 503: the mail could not be sent; the service's own contact is given. */
export interface SendFailedAnswer {
  status: 'echec-envoi';
  error: string;
  service: PublicService;
}

export type ReferralAnswer = SuccessAnswer | InvalidAnswer | RefusedAnswer | SendFailedAnswer;
