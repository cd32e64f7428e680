/**
 * Which service receives a referral. Pure and deterministic: the same services and request always
 * give the same answer, so that it can be unit-tested on real geography.
 */
import type { Service } from '../content/service-schema.ts';
import { nearestLocation, servesCommune, type ResolvedLocation } from '../services/service-geography.ts';
import { isNear } from '../services/service-reach.ts';
import { KINDS_EXCLUDED_WHEN_VIOLENCE, type AccessMode, type ServiceKind } from '../services/service-vocabulary.ts';
import { roundDistanceKm } from '../territories/geo-distance.ts';
import { getCommune, type Commune } from '../territories/territory-data.ts';
import { accessModeOf, type CourtDecisionType, type RequesterRole, type ViolenceAnswer } from './referral-vocabulary.ts';

/** Beyond this, a service is too far to be chosen for a family, even when it serves the commune. */
export const REASONABLE_DISTANCE_KM = 60;
/** How many services the "contact them directly" answer lists. */
export const DIRECT_CONTACT_COUNT = 5;

/** What routing needs from a request. */
export interface RoutingRequest {
  kind: ServiceKind;
  communeCode: string;
  violence: ViolenceAnswer;
  courtDecision: { type: CourtDecisionType };
  requester: { role: RequesterRole };
  /** The service the person chose (the request schema leaves it undefined when none was). */
  serviceId?: string | undefined;
}

export interface RoutedService {
  service: Service;
  location: ResolvedLocation;
  /** Great-circle distance from the commune's centre, rounded (0.1 km under 10 km). */
  distanceKm: number;
}

/** Why the service the person chose was not the one that receives the request. */
export type PreferredServiceProblem =
  'inconnu' | 'pas-en-ligne' | 'autre-type' | 'mode-refuse' | 'hors-territoire' | 'violence' | 'inactif';

export type RoutingResult =
  | { status: 'routed'; target: RoutedService; commune: Commune; accessMode: AccessMode; preferredProblem?: PreferredServiceProblem }
  | {
      status: 'contact-directly';
      commune: Commune;
      accessMode: AccessMode;
      /** The kind asked is never routed where violence is alleged. */
      excludedForViolence: boolean;
      /** The nearest services offering the kind within its near distance (NEAR_DISTANCE_KM), to contact by phone or website. */
      suggestions: RoutedService[];
      preferredProblem?: PreferredServiceProblem;
    }
  | { status: 'unknown-commune' };

/** Kinds that a request may reach, given the violence answer. */
export function kindAllowed(kind: ServiceKind, violence: ViolenceAnswer): boolean {
  return violence !== 'oui' || !KINDS_EXCLUDED_WHEN_VIOLENCE.includes(kind);
}

/** The first reason why a service cannot receive this request online, or undefined when it can. */
export function referralProblem(
  service: Service,
  request: RoutingRequest,
  commune: Commune,
  accessMode: AccessMode,
): PreferredServiceProblem | undefined {
  if (service.status !== 'actif') return 'inactif';
  if (!service.orientation) return 'pas-en-ligne';
  if (!service.kinds.includes(request.kind)) return 'autre-type';
  if (!kindAllowed(request.kind, request.violence)) return 'violence';
  if (!service.orientation.acceptedAccess.includes(accessMode)) return 'mode-refuse';
  if (!servesCommune(service, commune)) return 'hors-territoire';
  return undefined;
}

/** Built once: `localeCompare` with a locale argument sets up a collator on every call. */
const frenchCollator = new Intl.Collator('fr');
const byDistanceThenName = (a: { km: number; service: Service }, b: { km: number; service: Service }): number =>
  a.km - b.km ||
  frenchCollator.compare(a.service.name, b.service.name) ||
  (a.service.id < b.service.id ? -1 : a.service.id > b.service.id ? 1 : 0);

const toRouted = ({ service, location, km }: { service: Service; location: ResolvedLocation; km: number }): RoutedService => ({
  service,
  location,
  distanceKm: roundDistanceKm(km),
});

/**
 * The active services offering each kind, once per list of services (content never changes once
 * loaded): routing a request then looks only at the services that offer the kind asked.
 */
const activeByKindOfList = new WeakMap<readonly Service[], Map<ServiceKind, Service[]>>();
function activeServicesOffering(services: readonly Service[], kind: ServiceKind): readonly Service[] {
  let byKind = activeByKindOfList.get(services);
  if (!byKind) {
    byKind = new Map();
    for (const service of services) {
      if (service.status !== 'actif') continue;
      for (const offered of new Set(service.kinds)) {
        const list = byKind.get(offered);
        if (list) list.push(service);
        else byKind.set(offered, [service]);
      }
    }
    activeByKindOfList.set(services, byKind);
  }
  return byKind.get(kind) ?? [];
}

/**
 * Chooses the service that receives a referral: the one chosen by the person when it qualifies;
 * otherwise the nearest location (great-circle) of a service that accepts online referrals, offers
 * the kind, accepts this way of arriving and serves the commune, within REASONABLE_DISTANCE_KM.
 * Ties go to the service name, then the id. When none qualifies, the nearest services offering the
 * kind within its near distance are listed to be contacted directly. Services without an `orientation` block are never chosen.
 */
export function routeReferral(
  services: readonly Service[],
  request: RoutingRequest,
  maxDistanceKm: number = REASONABLE_DISTANCE_KM,
): RoutingResult {
  const commune = getCommune(request.communeCode);
  if (!commune) return { status: 'unknown-commune' };
  const accessMode = accessModeOf(request);

  let preferredProblem: PreferredServiceProblem | undefined;
  if (request.serviceId !== undefined) {
    const preferred = services.find((service) => service.id === request.serviceId);
    preferredProblem = preferred ? referralProblem(preferred, request, commune, accessMode) : 'inconnu';
    const nearest = preferred && !preferredProblem ? nearestLocation(preferred, commune) : undefined;
    if (preferred && nearest) {
      return {
        status: 'routed',
        target: toRouted({ service: preferred, location: nearest.location, km: nearest.distanceKm }),
        commune,
        accessMode,
      };
    }
  }

  const candidates = activeServicesOffering(services, request.kind);
  const qualifying: { service: Service; location: ResolvedLocation; km: number }[] = [];
  for (const service of candidates) {
    if (referralProblem(service, request, commune, accessMode)) continue;
    const nearest = nearestLocation(service, commune);
    if (nearest && nearest.distanceKm <= maxDistanceKm) qualifying.push({ service, location: nearest.location, km: nearest.distanceKm });
  }
  qualifying.sort(byDistanceThenName);
  const best = qualifying[0];
  if (best) return { status: 'routed', target: toRouted(best), commune, accessMode, ...(preferredProblem ? { preferredProblem } : {}) };

  const excludedForViolence = !kindAllowed(request.kind, request.violence);
  const suggestions: { service: Service; location: ResolvedLocation; km: number }[] = [];
  if (!excludedForViolence) {
    for (const service of candidates) {
      // A service that lists how families arrive and does not list this way would turn the family away.
      if (service.access.length && !service.access.includes(accessMode) && !service.orientation?.acceptedAccess.includes(accessMode))
        continue;
      if (!service.contact.phone && !service.contact.website && !service.contact.email) continue;
      const nearest = nearestLocation(service, commune);
      // Beyond the kind's near distance a service is no answer: the family is told where to ask instead.
      if (nearest && isNear(request.kind, nearest.distanceKm))
        suggestions.push({ service, location: nearest.location, km: nearest.distanceKm });
    }
    suggestions.sort(byDistanceThenName);
  }
  return {
    status: 'contact-directly',
    commune,
    accessMode,
    excludedForViolence,
    suggestions: suggestions.slice(0, DIRECT_CONTACT_COUNT).map(toRouted),
    ...(preferredProblem ? { preferredProblem } : {}),
  };
}

/** French explanation of why the chosen service did not receive the request. */
export const PREFERRED_PROBLEM_TEXT: Record<PreferredServiceProblem, string> = {
  inconnu: 'Le service choisi n’existe pas ou plus dans l’annuaire.',
  'pas-en-ligne': 'Le service choisi ne reçoit pas de demandes en ligne.',
  'autre-type': 'Le service choisi ne propose pas ce type d’aide.',
  'mode-refuse': 'Le service choisi n’accepte pas les demandes arrivant de cette façon (par exemple sans décision de justice).',
  'hors-territoire': 'Le service choisi n’intervient pas dans votre commune.',
  violence: 'Quand des violences sont signalées, la demande n’est jamais envoyée à un service de médiation.',
  inactif: 'Le service choisi est fermé pour le moment.',
};
