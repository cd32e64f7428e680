/**
 * Bounding boxes for maps, as GeoJSON does: [minLng, minLat, maxLng, maxLat]. The island turns
 * them into Leaflet's [[lat, lng], [lat, lng]] at the edge. Plain geometry, no territory data: the
 * islands import it.
 */
import type { GeoPoint } from '../territories/geo-distance.ts';

export type BBox = [number, number, number, number];

/** Mainland France with Corsica. */
export const METROPOLE_BBOX: BBox = [-5.15, 41.33, 9.57, 51.09];

/** The smallest box holding all the boxes given, or undefined for none. */
export function unionBBox(boxes: readonly BBox[]): BBox | undefined {
  if (boxes.length === 0) return undefined;
  const [first, ...rest] = boxes as [BBox, ...BBox[]];
  return rest.reduce<BBox>(
    (acc, b) => [Math.min(acc[0], b[0]), Math.min(acc[1], b[1]), Math.max(acc[2], b[2]), Math.max(acc[3], b[3])],
    [...first],
  );
}

/**
 * The box around points, widened to at least `minSpanDeg` on each side so that one point does not
 * zoom the map to a street.
 */
export function pointsBBox(points: readonly GeoPoint[], minSpanDeg = 0.08): BBox | undefined {
  if (points.length === 0) return undefined;
  let [minLng, minLat, maxLng, maxLat] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const p of points) {
    minLng = Math.min(minLng, p.lng);
    maxLng = Math.max(maxLng, p.lng);
    minLat = Math.min(minLat, p.lat);
    maxLat = Math.max(maxLat, p.lat);
  }
  const padLng = Math.max(0, (minSpanDeg - (maxLng - minLng)) / 2);
  const padLat = Math.max(0, (minSpanDeg - (maxLat - minLat)) / 2);
  return [minLng - padLng, minLat - padLat, maxLng + padLng, maxLat + padLat];
}

/** Whether a point lies in a box (edges included). */
export function bboxContains(bbox: BBox, point: GeoPoint): boolean {
  return point.lng >= bbox[0] && point.lng <= bbox[2] && point.lat >= bbox[1] && point.lat <= bbox[3];
}
