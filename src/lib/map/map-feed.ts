/**
 * The GeoJSON feeds the map island reads. Every position comes from resolveLocations, so a
 * confidential place is only ever its commune's centroid, with no address and no place name.
 *
 * Two shapes: the full feed (one département, one service) carries what a card shows, one Point
 * feature per location; the light feed (all of France, one région) carries only what a marker needs,
 * grouped, and the card fetches the details from the département feed of the location when it opens.
 */
import type { Point } from 'geojson';
import type { Service } from '../content/service-schema.ts';
import { resolveLocations, servedDepartementCodes, servesDepartement, type ResolvedLocation } from '../services/service-geography.ts';
import type { ServiceKind } from '../services/service-vocabulary.ts';
import { listDepartements } from '../territories/territory-data.ts';
import type { MapLocationCollection, MapLocationFeature, MapPointGroupCollection, MapPointGroupFeature } from './map-feed-types.ts';
import { mapFeatureId, primaryKind, round5 } from './map-points.ts';

export type * from './map-feed-types.ts';

/** What the map needs from a service. */
export type MapService = Pick<Service, 'id' | 'name' | 'kinds' | 'locations' | 'servedArea' | 'contact' | 'orientation'> &
  Partial<Pick<Service, 'status'>>;

/** The services a map shows: a closed service would send a family to a door that no longer opens. */
export function mappableServices<S extends MapService>(services: readonly S[]): S[] {
  return services.filter((service) => service.status !== 'fermé');
}

function pointOf(location: ResolvedLocation): Point {
  return { type: 'Point', coordinates: [round5(location.lng), round5(location.lat)] };
}

/** One full feature per public location of a service. */
export function locationFeatures(service: MapService): MapLocationFeature[] {
  return resolveLocations(service).map((location) => ({
    type: 'Feature',
    id: mapFeatureId(service.id, location.index),
    geometry: pointOf(location),
    properties: {
      name: service.name,
      kind: primaryKind(service.kinds),
      ...(location.approximate ? { approximate: true as const } : {}),
      service: service.id,
      departement: location.departementCode,
      ...(location.name !== undefined && !location.confidential && location.name !== service.name ? { place: location.name } : {}),
      kinds: [...service.kinds],
      ...(location.address !== undefined ? { address: location.address } : {}),
      ...(location.postalCode !== undefined ? { postalCode: location.postalCode } : {}),
      commune: location.communeName,
      ...(service.contact.phone !== undefined ? { phone: service.contact.phone } : {}),
      confidential: location.confidential,
      acceptsReferrals: service.orientation !== undefined,
    },
  }));
}

/** What a light feed keeps of a location. */
interface LightPoint {
  id: string;
  name: string;
  kind: ServiceKind;
  approximate: boolean;
  departement: string;
  coordinates: number[];
}

/**
 * A light feed: the points grouped by département, kind and approximateness. A browser reads a feed
 * at a few megabytes a second on a slow phone, so at 50,000 locations the repeated
 * `"type":"Feature"`/`"geometry"` of one feature per point would cost more than the data itself;
 * pointFeaturesOf turns the groups back into one point per location.
 */
function groupedFeed(points: Iterable<LightPoint>): MapPointGroupCollection {
  const groups = new Map<string, MapPointGroupFeature>();
  for (const point of points) {
    const key = `${point.departement}|${point.kind}|${point.approximate}`;
    let group = groups.get(key);
    if (!group) {
      group = {
        type: 'Feature',
        geometry: { type: 'MultiPoint', coordinates: [] },
        properties: {
          kind: point.kind,
          ...(point.approximate ? { approximate: true as const } : {}),
          departement: point.departement,
          ids: [],
          names: [],
        },
      };
      groups.set(key, group);
    }
    group.geometry.coordinates.push(point.coordinates);
    group.properties.ids.push(point.id);
    group.properties.names.push(point.name);
  }
  return { type: 'FeatureCollection', features: [...groups.values()] };
}

/** The light form of full features (the feed of a région). */
function lightFeedOf(features: readonly MapLocationFeature[]): MapPointGroupCollection {
  return groupedFeed(
    features.map(({ id, geometry, properties }) => ({
      id,
      name: properties.name,
      kind: properties.kind,
      approximate: properties.approximate === true,
      departement: properties.departement,
      coordinates: geometry.coordinates,
    })),
  );
}

/** The light feed of all of France: every public location. */
export function buildFranceFeed(services: readonly MapService[]): MapPointGroupCollection {
  return groupedFeed(
    services.flatMap((service) => {
      const kind = primaryKind(service.kinds);
      return resolveLocations(service).map((location) => ({
        id: mapFeatureId(service.id, location.index),
        name: service.name,
        kind,
        approximate: location.approximate,
        departement: location.departementCode,
        coordinates: pointOf(location).coordinates,
      }));
    }),
  );
}

/**
 * The full feed of a département: every location in it, and the locations of the services that
 * serve it from elsewhere (the same services as the page's list).
 */
export function buildDepartementFeed(services: readonly MapService[], departementCode: string): MapLocationCollection {
  const features = services.flatMap((service) => {
    const all = locationFeatures(service);
    if (servesDepartement(service, departementCode)) return all;
    return all.filter((feature) => feature.properties.departement === departementCode);
  });
  return { type: 'FeatureCollection', features };
}

/**
 * The light feed of a région: the locations of its départements' feeds, each once. Light, since a
 * région holds up to a fifth of the locations (12,500 of 50,000 in Île-de-France: 5.2 MB as full
 * features); a card reads its details from the département feed, as on the France map.
 */
export function buildRegionFeed(services: readonly MapService[], regionCode: string): MapPointGroupCollection {
  const codes = new Set(
    listDepartements()
      .filter((d) => d.regionCode === regionCode)
      .map((d) => d.code),
  );
  const features = services.flatMap((service) => {
    const all = locationFeatures(service);
    if ([...codes].some((code) => servesDepartement(service, code))) return all;
    return all.filter((feature) => codes.has(feature.properties.departement));
  });
  return lightFeedOf(features);
}

/** The full feed of one service (small: passed inline to the island). */
export function buildServiceFeed(service: MapService): MapLocationCollection {
  return { type: 'FeatureCollection', features: locationFeatures(service) };
}

/**
 * Every département's full feed at once (one pass over the services, for the build): the same
 * features as buildDepartementFeed, for each département code that has any.
 */
export function departementFeatureIndex(services: readonly MapService[]): Map<string, MapLocationFeature[]> {
  const index = new Map<string, MapLocationFeature[]>();
  const add = (code: string, feature: MapLocationFeature): void => {
    const list = index.get(code);
    if (list) list.push(feature);
    else index.set(code, [feature]);
  };
  for (const service of services) {
    const features = locationFeatures(service);
    const served = servedDepartementCodes(service);
    for (const code of served) for (const feature of features) add(code, feature);
    for (const feature of features) if (!served.has(feature.properties.departement)) add(feature.properties.departement, feature);
  }
  return index;
}

/** A région's light feed from the département index: each location once. */
export function regionFeedFromIndex(index: Map<string, MapLocationFeature[]>, regionCode: string): MapPointGroupCollection {
  const seen = new Set<string>();
  const features: MapLocationFeature[] = [];
  for (const departement of listDepartements()) {
    if (departement.regionCode !== regionCode) continue;
    for (const feature of index.get(departement.code) ?? []) {
      if (seen.has(feature.id)) continue;
      seen.add(feature.id);
      features.push(feature);
    }
  }
  return lightFeedOf(features);
}
