/**
 * A service's listed facts in words, as its page says them: who it is for, how to reach it, what it
 * costs, who funds it and the forms its parenting support takes. An empty list gives an empty text
 * (the page leaves the line out), except the ways in, which the page always answers.
 */
import type { ServiceData } from '../content/service-schema.ts';
import {
  ACCESS_MODE_LABELS,
  FEE_KIND_LABELS,
  FUNDER_LABELS,
  PARENTING_SUPPORT_FORMAT_LABELS,
  PUBLIC_LABELS,
} from './service-vocabulary.ts';

export interface ServiceFactsText {
  publics: string;
  access: string;
  fees: string;
  funding: string;
  parentingSupportFormats: string;
}

/** What the page says when no source gives the ways in. */
export const ACCESS_NOT_GIVEN = 'Non précisé par les sources.';

export function serviceFactsText(
  service: Pick<ServiceData, 'publics' | 'access' | 'fees' | 'funding' | 'parentingSupportFormats'>,
): ServiceFactsText {
  return {
    publics: service.publics.map((p) => PUBLIC_LABELS[p]).join(', '),
    access: service.access.length ? service.access.map((m) => ACCESS_MODE_LABELS[m]).join(' ; ') : ACCESS_NOT_GIVEN,
    fees: [FEE_KIND_LABELS[service.fees.kind], service.fees.details].filter(Boolean).join(' : '),
    funding: service.funding.map((f) => FUNDER_LABELS[f]).join(', '),
    parentingSupportFormats: service.parentingSupportFormats.map((f) => PARENTING_SUPPORT_FORMAT_LABELS[f]).join(', '),
  };
}
