/**
 * Clustering of map points with supercluster, chosen over Leaflet.markercluster by measurement
 * (see docs/decisions/0002 and `npm run bench -- map`): the index is built once, off the
 * DOM, and only the clusters of the visible box are ever turned into markers.
 */
import Supercluster, { type ClusterFeature, type ClusterProperties, type PointFeature } from 'supercluster';
import type { BBox } from './map-bbox.ts';

export interface ClusterOptions {
  /** Radius in pixels within which points merge. */
  radius?: number;
  /** Beyond this zoom, every point is shown on its own. */
  maxZoom?: number;
}

export type ClusterOrPoint<P> = ClusterFeature<Record<string, never>> | PointFeature<P>;

export interface ClusterIndex<P> {
  /** Clusters and single points in a box at a zoom level (the box may cross ±180°). */
  clustersIn(bbox: BBox, zoom: number): ClusterOrPoint<P>[];
  /** The zoom at which a cluster splits. */
  expansionZoom(clusterId: number): number;
  /** Every point under a cluster. */
  leaves(clusterId: number): PointFeature<P>[];
}

/** Whether a feature from clustersIn is a cluster. */
export function isCluster<P>(feature: ClusterOrPoint<P>): feature is ClusterFeature<Record<string, never>> {
  return (feature.properties as Partial<ClusterProperties>).cluster === true;
}

/**
 * The points as the index takes them: each feature's id copied into its properties (supercluster
 * hands back properties only). The build's overview and the island index the same objects.
 */
export function withIdInProperties<P extends object>(
  points: readonly (PointFeature<P> & { id: string })[],
): PointFeature<P & { id: string }>[] {
  return points.map((point) => ({ ...point, properties: { ...point.properties, id: point.id } }));
}

/** Builds the index once for all the points of a feed. */
export function createClusterIndex<P extends object>(points: readonly PointFeature<P>[], options: ClusterOptions = {}): ClusterIndex<P> {
  const index = new Supercluster<P, Record<string, never>>({ radius: options.radius ?? 80, maxZoom: options.maxZoom ?? 14, minPoints: 2 });
  index.load(points as PointFeature<P>[]);
  return {
    clustersIn: (bbox, zoom) => index.getClusters(bbox, Math.round(zoom)),
    expansionZoom: (clusterId) => index.getClusterExpansionZoom(clusterId),
    leaves: (clusterId) => index.getLeaves(clusterId, Infinity),
  };
}
