/**
 * Where a service is and whom it serves. Every map, search document, page and referral goes through
 * these functions, so that a confidential address never leaks as an exact point.
 */
import type { Service, ServiceLocationData } from '../content/service-schema.ts';
import { distanceKm, type GeoPoint } from '../territories/geo-distance.ts';
import { getCommune, getDepartement, type Commune } from '../territories/territory-data.ts';

export interface ResolvedLocation extends GeoPoint {
  /** Index of the location in the service file. */
  index: number;
  name?: string;
  /** Street address; absent when confidential or unknown. */
  address?: string;
  /** Absent when no source gives it (a commune with several postal codes). */
  postalCode?: string;
  communeCode: string;
  communeName: string;
  departementCode: string;
  regionCode: string;
  /** True when the point is the commune's centroid (no coordinates given, or a confidential place). */
  approximate: boolean;
  confidential: boolean;
  openingHours?: string;
  openingHoursNote?: string;
}

/**
 * The public form of each location: a confidential place keeps only its commune (centroid, no
 * address); a place without coordinates gets its commune's centroid, marked approximate.
 */
export function resolveLocations(service: Pick<Service, 'locations'>): readonly ResolvedLocation[] {
  // Content is never changed once loaded, and routing a referral resolves every service's locations:
  // each list is resolved once (keyed by the list itself, so a copy of a service shares it).
  let resolved = resolvedByList.get(service.locations);
  if (!resolved)
    resolvedByList.set(
      service.locations,
      (resolved = Object.freeze(resolve(service.locations).map((location) => Object.freeze(location)))),
    );
  return resolved;
}
const resolvedByList = new WeakMap<readonly ServiceLocationData[], readonly ResolvedLocation[]>();

function resolve(locations: readonly ServiceLocationData[]): ResolvedLocation[] {
  return locations.flatMap((location: ServiceLocationData, index) => {
    const commune = getCommune(location.communeCode);
    if (!commune) return [];
    const departement = getDepartement(commune.departementCode);
    const exact = !location.confidential && location.latitude !== undefined && location.longitude !== undefined;
    return [
      {
        index,
        ...(!location.confidential && location.name !== undefined ? { name: location.name } : {}),
        ...(!location.confidential && location.address !== undefined ? { address: location.address } : {}),
        ...(location.postalCode !== undefined ? { postalCode: location.postalCode } : {}),
        communeCode: commune.code,
        communeName: commune.name,
        departementCode: commune.departementCode,
        regionCode: departement?.regionCode ?? '',
        lat: exact ? (location.latitude as number) : commune.lat,
        lng: exact ? (location.longitude as number) : commune.lng,
        approximate: !exact,
        confidential: location.confidential,
        ...(location.openingHours !== undefined ? { openingHours: location.openingHours } : {}),
        ...(location.openingHoursNote !== undefined ? { openingHoursNote: location.openingHoursNote } : {}),
      },
    ];
  });
}

/** Codes of the départements a service serves: those of its locations and of its declared area. */
export function servedDepartementCodes(service: Pick<Service, 'locations' | 'servedArea'>): Set<string> {
  const codes = new Set(service.servedArea.departements);
  for (const code of service.servedArea.communes) {
    const commune = getCommune(code);
    if (commune) codes.add(commune.departementCode);
  }
  for (const location of service.locations) {
    const commune = getCommune(location.communeCode);
    if (commune) codes.add(commune.departementCode);
  }
  return codes;
}

/** Whether a service serves a département (by a location there or its declared area). */
export function servesDepartement(service: Pick<Service, 'locations' | 'servedArea'>, departementCode: string): boolean {
  return servedDepartementCodes(service).has(departementCode);
}

/**
 * Whether a service serves a commune: a location in that commune, the commune (or its parent city)
 * in the declared area, or its département in the declared area.
 */
export function servesCommune(service: Pick<Service, 'locations' | 'servedArea'>, commune: Commune): boolean {
  const isThisCommune = (code: string): boolean => code === commune.code || code === commune.parentCode;
  if (service.locations.some((l) => isThisCommune(l.communeCode))) return true;
  if (service.servedArea.communes.some(isThisCommune)) return true;
  return service.servedArea.departements.includes(commune.departementCode);
}

/** The location nearest to a point, with its distance in km. */
export function nearestLocation(
  service: Pick<Service, 'locations'>,
  point: GeoPoint,
): { location: ResolvedLocation; distanceKm: number } | undefined {
  let best: { location: ResolvedLocation; distanceKm: number } | undefined;
  for (const location of resolveLocations(service)) {
    const km = distanceKm(point, location);
    if (!best || km < best.distanceKm) best = { location, distanceKm: km };
  }
  return best;
}
