/**
 * The services a judge can designate, per kind of decision: for the juge aux affaires familiales and
 * the juge des enfants apart, the services serving a département that accept the decision, or, when
 * none does, the nearest ones elsewhere that do, within the near distance of their kinds (service-reach.ts).
 */
import type { Service } from '../content/service-schema.ts';
import { getDepartement } from '../territories/territory-data.ts';
import { nearestLocation, servedDepartementCodes } from './service-geography.ts';
import { departementReferencePoint, isListed, type NearbyService } from './service-listing.ts';
import { nearDistanceKm } from './service-reach.ts';
import { COURT_DECISION_MODES, type CourtDecisionMode } from './service-vocabulary.ts';

/** Who decides, in the words a page uses: « du JAF », « du juge des enfants ». */
export const COURT_DECISION_JUDGE: Readonly<Record<CourtDecisionMode, { short: string; of: string }>> = {
  'decision-jaf': { short: 'JAF', of: 'du juge aux affaires familiales (JAF)' },
  'decision-juge-des-enfants': { short: 'juge des enfants', of: 'du juge des enfants' },
};

export interface CourtDecisionCoverage<S extends Service = Service> {
  mode: CourtDecisionMode;
  /** Services serving the département that accept this decision, by name. */
  services: S[];
  /** When `services` is empty: the nearest services elsewhere that accept it, nearest first. */
  nearest: NearbyService<S>[];
}

const acceptsDecision = (service: Pick<Service, 'access' | 'status'>, mode: CourtDecisionMode): boolean =>
  isListed(service) && service.access.includes(mode);

/** For each decision (JAF, juge des enfants): who accepts it in the département, or the nearest who do. */
export function courtDecisionCoverage<S extends Service>(
  services: readonly S[],
  departementCode: string,
  nearestLimit = 3,
): CourtDecisionCoverage<S>[] {
  const departement = getDepartement(departementCode);
  const origin = departement ? departementReferencePoint(departement) : undefined;
  return COURT_DECISION_MODES.map((mode) => {
    const accepting = services.filter((service) => acceptsDecision(service, mode));
    const here = accepting
      .filter((service) => servedDepartementCodes(service).has(departementCode))
      .sort((a, b) => a.name.localeCompare(b.name, 'fr'));
    if (here.length || !departement || !origin) return { mode, services: here, nearest: [] };
    const neighbours = new Set(departement.neighbours);
    const nearest: NearbyService<S>[] = [];
    for (const service of accepting) {
      const found = nearestLocation(service, origin);
      if (!found || found.distanceKm > nearDistanceKm(service.kinds)) continue;
      nearest.push({
        service,
        location: found.location,
        distanceKm: found.distanceKm,
        neighbouring: [...servedDepartementCodes(service)].some((code) => neighbours.has(code)),
      });
    }
    nearest.sort((a, b) => a.distanceKm - b.distanceKm || a.service.name.localeCompare(b.service.name, 'fr'));
    return { mode, services: here, nearest: nearest.slice(0, nearestLimit) };
  });
}
