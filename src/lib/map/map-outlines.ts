/**
 * The outlines of the départements for the map's vector layer, which keeps the map readable when
 * tiles cannot load. The territory outlines are simplified further (Douglas–Peucker) and rounded,
 * since the layer is drawn at country and département scale only.
 */
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';

export interface OutlineProperties {
  code: string;
  nom: string;
}

export type OutlineCollection = FeatureCollection<Polygon | MultiPolygon, OutlineProperties>;

/** Territory outlines as stored: `code` and `nom` among other properties. */
type SourceCollection = FeatureCollection<Polygon | MultiPolygon, OutlineProperties>;

/** The territory outlines file (`src/lib/territories/data/departements.geojson`, written by `territories:build`) read from its text. */
export const parseOutlines = (text: string): SourceCollection => JSON.parse(text) as SourceCollection;

function perpendicularDistanceSq(p: Position, a: Position, b: Position): number {
  const [px, py] = p as [number, number];
  const [ax, ay] = a as [number, number];
  const [bx, by] = b as [number, number];
  const dx = bx - ax;
  const dy = by - ay;
  const lengthSq = dx * dx + dy * dy;
  const t = lengthSq === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / lengthSq));
  const x = ax + t * dx - px;
  const y = ay + t * dy - py;
  return x * x + y * y;
}

/** Douglas–Peucker on an open or closed line (iterative, so long rings do not overflow the stack). */
export function simplifyLine(points: readonly Position[], tolerance: number): Position[] {
  if (points.length <= 2) return [...points];
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[points.length - 1] = 1;
  const toleranceSq = tolerance * tolerance;
  const stack: [number, number][] = [[0, points.length - 1]];
  while (stack.length) {
    const [first, last] = stack.pop() as [number, number];
    let farthest = -1;
    let farthestSq = toleranceSq;
    for (let i = first + 1; i < last; i++) {
      const d = perpendicularDistanceSq(points[i] as Position, points[first] as Position, points[last] as Position);
      if (d > farthestSq) {
        farthest = i;
        farthestSq = d;
      }
    }
    if (farthest !== -1) {
      keep[farthest] = 1;
      stack.push([first, farthest], [farthest, last]);
    }
  }
  return points.filter((_, i) => keep[i] === 1);
}

const round = (value: number, decimals: number): number => {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
};

/** A simplified closed ring, or undefined when it shrinks below a triangle (a tiny islet). */
function simplifyRing(ring: readonly Position[], tolerance: number, decimals: number): Position[] | undefined {
  // A closed ring starts and ends on the same point: split it in two halves so both ends are kept.
  const middle = Math.floor(ring.length / 2);
  const firstHalf = simplifyLine(ring.slice(0, middle + 1), tolerance);
  const secondHalf = simplifyLine(ring.slice(middle), tolerance);
  const simplified = [...firstHalf, ...secondHalf.slice(1)].map(([lng, lat]) => [
    round(lng as number, decimals),
    round(lat as number, decimals),
  ]);
  const deduplicated = simplified.filter((p, i) => i === 0 || p[0] !== simplified[i - 1]?.[0] || p[1] !== simplified[i - 1]?.[1]);
  return deduplicated.length >= 4 ? deduplicated : undefined;
}

function simplifyPolygon(rings: readonly Position[][], tolerance: number, decimals: number): Position[][] | undefined {
  const [outer, ...holes] = rings;
  const simplifiedOuter = outer && simplifyRing(outer, tolerance, decimals);
  if (!simplifiedOuter) return undefined;
  const simplifiedHoles = holes
    .map((hole) => simplifyRing(hole, tolerance, decimals))
    .filter((hole): hole is Position[] => hole !== undefined);
  return [simplifiedOuter, ...simplifiedHoles];
}

/**
 * Simplified outlines with only `code` and `nom` kept. `tolerance` is in degrees (0.005° ≈ 400 m);
 * islets smaller than the tolerance disappear, never a whole département.
 */
export function simplifyOutlines(source: SourceCollection, tolerance = 0.005, decimals = 3): OutlineCollection {
  const features = source.features.map((feature): Feature<Polygon | MultiPolygon, OutlineProperties> => {
    const properties = { code: feature.properties.code, nom: feature.properties.nom };
    const polygons = feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates;
    const simplified = polygons.flatMap((polygon) => {
      const kept = simplifyPolygon(polygon, tolerance, decimals);
      return kept ? [kept] : [];
    });
    // Keep the largest original polygon, barely simplified, if everything vanished (cannot happen at sane tolerances).
    const kept = simplified.length ? simplified : polygons.slice(0, 1);
    const geometry: Polygon | MultiPolygon =
      kept.length === 1 ? { type: 'Polygon', coordinates: kept[0] as Position[][] } : { type: 'MultiPolygon', coordinates: kept };
    return { type: 'Feature', ...(feature.bbox ? { bbox: feature.bbox } : {}), properties, geometry };
  });
  return { type: 'FeatureCollection', features };
}

/**
 * The outlines a local map needs: a département and its neighbours. A département or service page
 * then loads a few kilobytes instead of the whole of France.
 */
export function outlinesAround(outlines: OutlineCollection, codes: readonly string[]): OutlineCollection {
  const wanted = new Set(codes);
  return { type: 'FeatureCollection', features: outlines.features.filter((feature) => wanted.has(feature.properties.code)) };
}
