/**
 * The France map's first markers, computed at build time. At 50,000 locations the browser needs
 * about a second to read the France feed and a third of a second to index it; the groups it would
 * draw at the zooms of a whole-country view are known in advance, since supercluster is
 * deterministic: the same points, in the same order, with the same options give the same groups,
 * with the same ids. The island draws them from this small file while the feed loads, then the full
 * index takes over without a marker changing.
 */
import type { PointFeature } from 'supercluster';
import type { BBox } from './map-bbox.ts';
import { createClusterIndex, type ClusterIndex, type ClusterOrPoint } from './map-clusters.ts';

/** Beyond this zoom (a région on a large screen), the overview has nothing: the full index draws. */
export const OVERVIEW_MAX_ZOOM = 7;

/** A group of the overview, with the zoom its marker opens to. */
export type OverviewItem<P> = ClusterOrPoint<P> & { expansionZoom?: number };

export interface MapOverview<P> {
  maxZoom: number;
  /** Groups and single points of the whole map, by zoom (0 to maxZoom). */
  zooms: OverviewItem<P>[][];
}

const WORLD: BBox = [-180, -85, 180, 85];

/** Every group and point that the full index of `points` gives at zooms 0 to OVERVIEW_MAX_ZOOM. */
export function buildMapOverview<P extends object>(points: readonly PointFeature<P>[]): MapOverview<P> {
  const index = createClusterIndex(points);
  const zooms = Array.from({ length: OVERVIEW_MAX_ZOOM + 1 }, (_, zoom) =>
    index.clustersIn(WORLD, zoom).map((item): OverviewItem<P> => {
      const clusterId = (item.properties as { cluster_id?: number }).cluster_id;
      return clusterId === undefined ? item : { ...item, expansionZoom: index.expansionZoom(clusterId) };
    }),
  );
  return { maxZoom: OVERVIEW_MAX_ZOOM, zooms };
}

const inBox = ([west, south, east, north]: BBox, [lng, lat]: number[]): boolean =>
  (lng as number) >= west && (lng as number) <= east && (lat as number) >= south && (lat as number) <= north;

/**
 * An index that answers from the overview: the groups of a zoom it holds, in a box; nothing beyond
 * its zooms. Its groups have no leaves (the full index has them).
 */
export function overviewIndex<P>(overview: MapOverview<P>): ClusterIndex<P> {
  const expansion = new Map<number, number>();
  for (const items of overview.zooms) {
    for (const item of items) {
      const clusterId = (item.properties as { cluster_id?: number }).cluster_id;
      if (clusterId !== undefined && item.expansionZoom !== undefined) expansion.set(clusterId, item.expansionZoom);
    }
  }
  return {
    clustersIn: (bbox, zoom) => (overview.zooms[Math.round(zoom)] ?? []).filter((item) => inBox(bbox, item.geometry.coordinates)),
    expansionZoom: (clusterId) => expansion.get(clusterId) ?? overview.maxZoom + 1,
    leaves: () => [],
  };
}
