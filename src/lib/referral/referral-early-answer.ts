/**
 * The referral form's early answer: as soon as the kind and the commune are known (the first things
 * asked, after the violence question), whether a service near enough can receive the request online,
 * before any personal data is asked. When none can, the nearest services of the kind to contact
 * directly, never one beyond the distance that counts as near (service-reach.ts).
 */
import type { Service } from '../content/service-schema.ts';
import { nearestLocation } from '../services/service-geography.ts';
import { NEAR_DISTANCE_KM } from '../services/service-reach.ts';
import { ACCESS_MODES, type ServiceKind } from '../services/service-vocabulary.ts';
import { roundDistanceKm } from '../territories/geo-distance.ts';
import type { Commune } from '../territories/territory-data.ts';
import {
  DIRECT_CONTACT_COUNT,
  kindAllowed,
  REASONABLE_DISTANCE_KM,
  referralProblem,
  type RoutedService,
  type RoutingRequest,
} from './referral-routing.ts';
import type { PublicService } from './referral-answer.ts';
import type { CommuneChoice } from './referral-form.ts';
import type { ViolenceAnswer } from './referral-vocabulary.ts';

export type EarlyReferralAnswer =
  /** A service near enough may receive the request online: the form goes on. */
  | { status: 'en-ligne' }
  /** None can: nothing is to be sent, the services near enough are to be called. */
  | {
      status: 'a-contacter-directement';
      /** The kind asked (mediation) is never used where violence is alleged. */
      excludedForViolence: boolean;
      /** The distance within which a service of the kind counts as near. */
      nearKm: number;
      /** The nearest services of the kind within `nearKm` that can be reached (phone, website or e-mail), nearest first. */
      services: RoutedService[];
    };

/** What the early answer needs: the three first answers of the form. */
export interface EarlyReferralQuestion {
  kind: ServiceKind;
  commune: Commune;
  violence: ViolenceAnswer;
}

/**
 * The early answer: « en-ligne » when an active service offering the kind accepts online requests
 * for this commune, within the routing's distance and the kind's near distance, for at least one
 * way of arriving (the court decision and the requester, asked later, choose which); otherwise the
 * nearest reachable services of the kind within the near distance.
 */
export function earlyReferralAnswer(services: readonly Service[], { kind, commune, violence }: EarlyReferralQuestion): EarlyReferralAnswer {
  const nearKm = NEAR_DISTANCE_KM[kind];
  const excludedForViolence = !kindAllowed(kind, violence);
  const request: RoutingRequest = {
    kind,
    communeCode: commune.code,
    violence,
    courtDecision: { type: 'aucune' },
    requester: { role: 'parent' },
  };
  const reachKm = Math.min(nearKm, REASONABLE_DISTANCE_KM);
  const offering = services.filter((service) => service.status === 'actif' && service.kinds.includes(kind));
  if (!excludedForViolence) {
    const online = offering.some((service) => {
      if (!ACCESS_MODES.some((mode) => referralProblem(service, request, commune, mode) === undefined)) return false;
      const nearest = nearestLocation(service, commune);
      return nearest !== undefined && nearest.distanceKm <= reachKm;
    });
    if (online) return { status: 'en-ligne' };
  }
  const near: { service: Service; location: RoutedService['location']; km: number }[] = [];
  if (!excludedForViolence) {
    for (const service of offering) {
      if (!service.contact.phone && !service.contact.website && !service.contact.email) continue;
      const nearest = nearestLocation(service, commune);
      if (nearest && nearest.distanceKm <= nearKm) near.push({ service, location: nearest.location, km: nearest.distanceKm });
    }
  }
  near.sort((a, b) => a.km - b.km || a.service.name.localeCompare(b.service.name, 'fr') || a.service.id.localeCompare(b.service.id));
  return {
    status: 'a-contacter-directement',
    excludedForViolence,
    nearKm,
    services: near
      .slice(0, DIRECT_CONTACT_COUNT)
      .map(({ service, location, km }) => ({ service, location, distanceKm: roundDistanceKm(km) })),
  };
}

/** The early answer as the form receives it (JSON, or props after a plain POST): public facts only. */
export type PublicEarlyAnswer =
  | { status: 'en-ligne' }
  | {
      status: 'a-contacter-directement';
      excludedForViolence: boolean;
      nearKm: number;
      communeName: string;
      kind: ServiceKind;
      services: PublicService[];
    }
  /** The commune typed is not settled: several bear its name, or none. */
  | { status: 'commune'; error: string; communeChoices?: CommuneChoice[] };
