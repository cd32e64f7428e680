import { describe, expect, it } from 'vitest';
import type { BBox } from '../../src/lib/map/map-bbox.ts';
import { createClusterIndex, isCluster, withIdInProperties, type ClusterOrPoint } from '../../src/lib/map/map-clusters.ts';
import { buildFranceFeed, type MapService } from '../../src/lib/map/map-feed.ts';
import { buildMapOverview, OVERVIEW_MAX_ZOOM, overviewIndex } from '../../src/lib/map/map-overview.ts';
import { pointFeaturesOf } from '../../src/lib/map/map-points.ts';
import { serviceSchema } from '../../src/lib/content/service-schema.ts';
import { generateSyntheticServices } from '../../scripts/lib/synthetic-services.ts';

const services: MapService[] = generateSyntheticServices(3000, 5).map(({ id, ...input }) => ({ ...serviceSchema.parse(input), id }));
// What the build and the island both index: the France feed's points, ids in their properties.
const points = withIdInProperties(pointFeaturesOf(buildFranceFeed(services)));
const full = createClusterIndex(points);
const overview = JSON.parse(JSON.stringify(buildMapOverview(points))) as ReturnType<
  typeof buildMapOverview<(typeof points)[number]['properties']>
>;
const fromOverview = overviewIndex(overview);

const keyOf = (item: ClusterOrPoint<{ id: string }>): string =>
  isCluster(item)
    ? `c${item.properties.cluster_id}:${item.properties.point_count}:${item.geometry.coordinates.join(',')}`
    : `${item.properties.id}:${item.geometry.coordinates.join(',')}`;
const keys = (items: ClusterOrPoint<{ id: string }>[]): string[] => items.map(keyOf).sort();

describe('map overview', () => {
  const views: [string, BBox][] = [
    ['France', [-5.15, 41.33, 9.57, 51.09]],
    ['Hauts-de-France', [1.38, 48.83, 4.26, 51.09]],
  ];

  it('gives, at every zoom it holds, the very groups and ids of the full index (the markers do not change when the feed comes)', () => {
    for (let zoom = 0; zoom <= OVERVIEW_MAX_ZOOM; zoom++) {
      for (const [name, bbox] of views) {
        const expected = keys(full.clustersIn(bbox, zoom));
        if (name === 'France') expect(expected.length).toBeGreaterThan(0);
        expect(keys(fromOverview.clustersIn(bbox, zoom))).toEqual(expected);
      }
    }
    // Groups at the zoom of a whole-country view do group: the overview is far smaller than the feed.
    expect(full.clustersIn(views[0]![1], 5).filter(isCluster).length).toBeGreaterThan(5);
  });

  it('opens each group to the zoom the full index gives, and holds nothing beyond its zooms', () => {
    for (const item of fromOverview.clustersIn(views[0]![1], 6)) {
      if (isCluster(item))
        expect(fromOverview.expansionZoom(item.properties.cluster_id)).toBe(full.expansionZoom(item.properties.cluster_id));
    }
    expect(fromOverview.clustersIn(views[0]![1], OVERVIEW_MAX_ZOOM + 1)).toEqual([]);
  });

  it('is small: a fraction of the France feed', () => {
    expect(JSON.stringify(overview).length).toBeLessThan(JSON.stringify(buildFranceFeed(services)).length / 2);
  });
});
