/**
 * Marker ids, kinds and coordinates shared by every feed, and the points of a search's results. No
 * territory data here: the islands import this module.
 */
import type { SearchDocument } from '../search/search-model.ts';
import { SERVICE_KINDS, type ServiceKind } from '../services/service-vocabulary.ts';
import type {
  MapLocationCollection,
  MapLocationFeature,
  MapPointCollection,
  MapPointFeature,
  MapPointGroupCollection,
} from './map-feed-types.ts';

/** Stable id of a location on every feed: "<service id>/<index of the location>". */
export function mapFeatureId(serviceId: string, locationIndex: number): string {
  return `${serviceId}/${locationIndex}`;
}

/** The service id in a feature id. */
export function serviceIdOfFeature(featureId: string): string {
  return featureId.slice(0, featureId.lastIndexOf('/'));
}

// 5 decimals is about 1 m: as precise as any source, and shorter feeds.
export const round5 = (value: number): number => Math.round(value * 100_000) / 100_000;

/**
 * The kind a marker shows: the first of the service's kinds in the vocabulary's order, so that every
 * map (feeds, search results, whose documents keep that order) draws a service with the same symbol.
 */
export function primaryKind(kinds: readonly ServiceKind[]): ServiceKind {
  return SERVICE_KINDS.find((kind) => kinds.includes(kind)) ?? SERVICE_KINDS[0];
}

/**
 * Light points for search results, from the search documents the page already holds (public
 * locations only, never an address): the results map needs no feed of its own, and a card reads its
 * details from the département feed, as on the France map.
 */
export function searchResultsFeed(documents: readonly Pick<SearchDocument, 'id' | 'name' | 'kinds' | 'locations'>[]): MapPointCollection {
  const features = documents.flatMap((document) =>
    // A document lists the locations resolveLocations gives, in the same order: same ids as every feed.
    document.locations.map((location, index): MapPointFeature => ({
      type: 'Feature',
      id: mapFeatureId(document.id, index),
      geometry: { type: 'Point', coordinates: [round5(location.lng), round5(location.lat)] },
      properties: {
        name: document.name,
        kind: primaryKind(document.kinds),
        ...(location.approximate ? { approximate: true as const } : {}),
        departement: location.departementCode,
      },
    })),
  );
  return { type: 'FeatureCollection', features };
}

/**
 * One Point feature per location, whatever the feed: the groups of the France feed are spread out
 * (in the order of their coordinates), the features of the other feeds are kept as they are.
 */
export function pointFeaturesOf(
  collection: MapPointGroupCollection | MapPointCollection | MapLocationCollection,
): (MapPointFeature | MapLocationFeature)[] {
  const points: (MapPointFeature | MapLocationFeature)[] = [];
  for (const feature of collection.features) {
    if (feature.geometry.type === 'Point') {
      points.push({ ...(feature as MapPointFeature | MapLocationFeature), id: String(feature.id) });
      continue;
    }
    const { ids, names, ...shared } = (feature as MapPointGroupCollection['features'][number]).properties;
    feature.geometry.coordinates.forEach((coordinates, index) => {
      points.push({
        type: 'Feature',
        id: ids[index] as string,
        geometry: { type: 'Point', coordinates },
        properties: { name: names[index] as string, ...shared },
      });
    });
  }
  return points;
}
