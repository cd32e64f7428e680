import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bboxContains, pointsBBox, unionBBox, type BBox } from '../../src/lib/map/map-bbox.ts';
import { franceAreas, scopeBBox } from '../../src/lib/map/map-bounds.ts';
import { createClusterIndex, isCluster } from '../../src/lib/map/map-clusters.ts';
import { outlinesAround, parseOutlines, simplifyLine, simplifyOutlines } from '../../src/lib/map/map-outlines.ts';
import { OUTLINES_FEED_PATH, outlinesFeedPath } from '../../src/lib/map/map-scope.ts';
import { getCommune, getDepartement } from '../../src/lib/territories/territory-data.ts';

describe('map bounds', () => {
  it('fits a département to its outline and a région to the union of its départements', () => {
    expect(scopeBBox({ type: 'departement', code: '62' })).toEqual(getDepartement('62')?.bbox);
    const region = scopeBBox({ type: 'region', code: '32' }) as BBox;
    for (const code of ['02', '59', '60', '62', '80']) {
      const bbox = getDepartement(code)?.bbox as BBox;
      expect(region[0]).toBeLessThanOrEqual(bbox[0]);
      expect(region[3]).toBeGreaterThanOrEqual(bbox[3]);
    }
    expect(scopeBBox({ type: 'departement', code: '00' })).toBeUndefined();
  });

  it('widens the box of a single point so the map does not zoom to a street', () => {
    const arras = getCommune('62041');
    const box = pointsBBox([arras!]) as BBox;
    expect(box[2] - box[0]).toBeCloseTo(0.08);
    expect(bboxContains(box, arras!)).toBe(true);
    expect(pointsBBox([])).toBeUndefined();
    expect(unionBBox([])).toBeUndefined();
  });

  it('offers the mainland and the five overseas départements', () => {
    const areas = franceAreas();
    expect(areas.map((a) => a.id)).toEqual(['metropole', '971', '972', '973', '974', '976']);
    expect(bboxContains(areas[4]!.bbox, getCommune('97411')!)).toBe(true);
  });
});

describe('map outlines', () => {
  it('simplifies a line while keeping its ends and its corners', () => {
    const line = [
      [0, 0],
      [1, 0.0001],
      [2, 0],
      [2, 2],
    ];
    expect(simplifyLine(line, 0.01)).toEqual([
      [0, 0],
      [2, 0],
      [2, 2],
    ]);
  });

  it('keeps every département, with closed rings, and makes the feed much smaller', () => {
    const source = parseOutlines(readFileSync('src/lib/territories/data/departements.geojson', 'utf8'));
    const simplified = simplifyOutlines(source);
    expect(simplified.features).toHaveLength(101);
    expect(simplified.features.find((f) => f.properties.code === '62')?.properties).toEqual({ code: '62', nom: 'Pas-de-Calais' });
    for (const feature of simplified.features) {
      const polygons = feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates;
      expect(polygons.length).toBeGreaterThan(0);
      for (const ring of polygons.flat()) {
        expect(ring.length).toBeGreaterThanOrEqual(4);
        expect(ring[0]).toEqual(ring[ring.length - 1]);
      }
    }
    expect(JSON.stringify(simplified).length).toBeLessThan(JSON.stringify(source).length / 2);
  });

  it('gives a local map only its département and the neighbours', () => {
    const simplified = simplifyOutlines(parseOutlines(readFileSync('src/lib/territories/data/departements.geojson', 'utf8')));
    const around = outlinesAround(simplified, ['62', '59', '80']);
    expect(around.features.map((f) => f.properties.code).sort()).toEqual(['59', '62', '80']);
    expect(JSON.stringify(around).length).toBeLessThan(JSON.stringify(simplified).length / 10);
    expect(outlinesFeedPath({ type: 'departement', code: '62' })).toBe('/carte/contours/62.geojson');
    expect(outlinesFeedPath({ type: 'service', id: 'x' }, '86')).toBe('/carte/contours/86.geojson');
    expect(outlinesFeedPath({ type: 'region', code: '32' })).toBe(OUTLINES_FEED_PATH);
    expect(outlinesFeedPath({ type: 'france' })).toBe(OUTLINES_FEED_PATH);
  });
});

describe('map clusters', () => {
  const points = Array.from({ length: 500 }, (_, i) => ({
    type: 'Feature' as const,
    geometry: { type: 'Point' as const, coordinates: [2 + (i % 25) * 0.2, 46 + Math.floor(i / 25) * 0.2] },
    properties: { id: i },
  }));

  it('merges points at country zoom and shows each one at street zoom', () => {
    const index = createClusterIndex(points);
    const country = index.clustersIn([-5, 41, 10, 52], 5);
    expect(country.length).toBeLessThan(50);
    expect(country.reduce((sum, f) => sum + (isCluster(f) ? f.properties.point_count : 1), 0)).toBe(500);
    const street = index.clustersIn([-5, 41, 10, 52], 15);
    expect(street).toHaveLength(500);
    expect(street.every((f) => !isCluster(f))).toBe(true);
  });

  it('tells the zoom at which a cluster splits and lists its points', () => {
    const index = createClusterIndex(points);
    const cluster = index.clustersIn([-5, 41, 10, 52], 4).find(isCluster);
    expect(cluster).toBeDefined();
    const zoom = index.expansionZoom(cluster!.properties.cluster_id);
    expect(zoom).toBeGreaterThan(4);
    expect(index.leaves(cluster!.properties.cluster_id)).toHaveLength(cluster!.properties.point_count);
  });
});
