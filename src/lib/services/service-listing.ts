/**
 * Which services a page lists: grouped by kind, for a département or a région, reachable on a court
 * decision, and, where a kind has no known service, the nearest ones elsewhere.
 */
import type { Service } from '../content/service-schema.ts';
import type { GeoPoint } from '../territories/geo-distance.ts';
import { getCommune, getDepartement, listDepartements, type Departement } from '../territories/territory-data.ts';
import { nearestLocation, servedDepartementCodes, type ResolvedLocation } from './service-geography.ts';
import { isNear } from './service-reach.ts';
import { SERVICE_KINDS, type ServiceKind } from './service-vocabulary.ts';

/** Whether a service appears in lists: a closed service keeps its page but leaves every list. */
export function isListed(service: Pick<Service, 'status'>): boolean {
  return service.status !== 'fermé';
}

const byName = (a: Pick<Service, 'name'>, b: Pick<Service, 'name'>): number => a.name.localeCompare(b.name, 'fr');

export interface KindGroup<S extends Service = Service> {
  kind: ServiceKind;
  services: S[];
}

/** One group per kind, in vocabulary order, each sorted by name; a service with two kinds is in both. */
export function groupByKind<S extends Service>(services: readonly S[]): KindGroup<S>[] {
  return SERVICE_KINDS.map((kind) => ({ kind, services: services.filter((s) => s.kinds.includes(kind)).sort(byName) }));
}

/** Listed services that serve a département (a location there or its declared area), by name. */
export function servicesForDepartement<S extends Service>(services: readonly S[], departementCode: string): S[] {
  return services.filter((s) => isListed(s) && servedDepartementCodes(s).has(departementCode)).sort(byName);
}

/** Listed services that serve at least one département of a région, by name. */
export function servicesForRegion<S extends Service>(services: readonly S[], regionCode: string): S[] {
  const codes = new Set(
    listDepartements()
      .filter((d) => d.regionCode === regionCode)
      .map((d) => d.code),
  );
  return services.filter((s) => isListed(s) && [...servedDepartementCodes(s)].some((code) => codes.has(code))).sort(byName);
}

/** Where a département "is" for distances: its préfecture, or the mean of its communes' centroids. */
export function departementReferencePoint(departement: Pick<Departement, 'chefLieu' | 'bbox'>): GeoPoint {
  const prefecture = getCommune(departement.chefLieu);
  if (prefecture) return { lat: prefecture.lat, lng: prefecture.lng };
  const [minLng, minLat, maxLng, maxLat] = departement.bbox;
  return { lat: (minLat + maxLat) / 2, lng: (minLng + maxLng) / 2 };
}

export interface NearbyService<S extends Service = Service> {
  service: S;
  /** Its location nearest to the département's préfecture. */
  location: ResolvedLocation;
  /** Distance from the préfecture to that location, in km. */
  distanceKm: number;
  /** True when the service serves a neighbouring département. */
  neighbouring: boolean;
}

/**
 * Services of a kind that do not serve a département, near its préfecture for that kind
 * (NEAR_DISTANCE_KM: beyond, the page says that no service is known and where to ask; an overseas
 * département is never sent to the mainland), nearest first: those serving a neighbouring département come before the others, then by distance.
 */
export function nearestServicesOfKind<S extends Service>(
  services: readonly S[],
  kind: ServiceKind,
  departementCode: string,
  limit = 3,
): NearbyService<S>[] {
  const departement = getDepartement(departementCode);
  if (!departement) return [];
  const origin = departementReferencePoint(departement);
  const neighbours = new Set(departement.neighbours);
  const found: NearbyService<S>[] = [];
  for (const service of services) {
    if (!isListed(service) || !service.kinds.includes(kind)) continue;
    const served = servedDepartementCodes(service);
    if (served.has(departementCode)) continue;
    const nearest = nearestLocation(service, origin);
    if (!nearest || !isNear(kind, nearest.distanceKm)) continue;
    found.push({
      service,
      location: nearest.location,
      distanceKm: nearest.distanceKm,
      neighbouring: [...served].some((code) => neighbours.has(code)),
    });
  }
  found.sort((a, b) => Number(b.neighbouring) - Number(a.neighbouring) || a.distanceKm - b.distanceKm || byName(a.service, b.service));
  return found.slice(0, limit);
}

export interface KindCoverage<S extends Service = Service> extends KindGroup<S> {
  /** When the kind has no service here: the nearest ones elsewhere (empty otherwise). */
  nearest: NearbyService<S>[];
}

/** For each kind: the services serving the département, or, when there are none, the nearest ones. */
export function departementCoverage<S extends Service>(
  services: readonly S[],
  departementCode: string,
  nearestLimit = 3,
): KindCoverage<S>[] {
  const serving = servicesForDepartement(services, departementCode);
  return groupByKind(serving).map((group) => ({
    ...group,
    nearest: group.services.length ? [] : nearestServicesOfKind(services, group.kind, departementCode, nearestLimit),
  }));
}

/** The kinds a département has no service of, and none within the kind's near distance either (NEAR_DISTANCE_KM). */
export function kindsWithNothingNear(coverage: readonly Pick<KindCoverage, 'kind' | 'services' | 'nearest'>[]): ServiceKind[] {
  return coverage.filter((c) => c.services.length === 0 && c.nearest.length === 0).map((c) => c.kind);
}

export interface DepartementGroup<S extends Service = Service> {
  departement: Departement;
  services: S[];
}

/** Listed services of one kind, grouped by the départements they serve (in INSEE order). */
export function servicesOfKindByDepartement<S extends Service>(services: readonly S[], kind: ServiceKind): DepartementGroup<S>[] {
  const ofKind = services.filter((s) => isListed(s) && s.kinds.includes(kind));
  return listDepartements()
    .map((departement) => ({ departement, services: ofKind.filter((s) => servedDepartementCodes(s).has(departement.code)).sort(byName) }))
    .filter((group) => group.services.length > 0);
}
