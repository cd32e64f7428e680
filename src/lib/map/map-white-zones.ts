/**
 * The white-zone map: the départements drawn as SVG paths at build time, so that a federation or a
 * CAF sees at a glance, without JavaScript, where no service of a kind is known. Mainland France and
 * Corsica share one projection; each overseas département gets its own inset along the bottom.
 */
import type { Position } from 'geojson';
import { simplifyOutlines, type OutlineCollection } from './map-outlines.ts';

/** One département as drawn. */
export interface DrawnDepartement {
  code: string;
  name: string;
  /** SVG path data, in the map's coordinates. */
  d: string;
}

export interface DrawnFrance {
  /** SVG viewBox: "0 0 width height". */
  viewBox: string;
  departements: DrawnDepartement[];
  /** Frames around the overseas insets. */
  insets: { x: number; y: number; size: number }[];
}

const MAP_WIDTH = 500;
const INSET_SIZE = 80;
const INSET_GAP = 12;
// Mainland France with Corsica, in degrees: the frame of the main drawing.
const MAINLAND = { minLng: -5.2, maxLng: 9.6, minLat: 41.3, maxLat: 51.15 };
// At France's latitude a degree of longitude is shorter than one of latitude.
const LNG_SCALE = Math.cos((46.5 * Math.PI) / 180);

type Project = (position: Position) => [number, number];

function projection(
  bbox: { minLng: number; maxLng: number; minLat: number; maxLat: number },
  x0: number,
  y0: number,
  width: number,
  height: number,
): Project {
  const scale = Math.min(width / ((bbox.maxLng - bbox.minLng) * LNG_SCALE), height / (bbox.maxLat - bbox.minLat));
  return ([lng, lat]) => [
    Math.round(x0 + ((lng as number) - bbox.minLng) * LNG_SCALE * scale),
    Math.round(y0 + (bbox.maxLat - (lat as number)) * scale),
  ];
}

function pathData(polygons: readonly Position[][][], project: Project): string {
  const parts: string[] = [];
  for (const polygon of polygons) {
    for (const ring of polygon) {
      const points = ring.map(project).filter((p, i, all) => i === 0 || p[0] !== all[i - 1]?.[0] || p[1] !== all[i - 1]?.[1]);
      if (points.length < 3) continue;
      parts.push(`M${points.map(([x, y]) => `${x} ${y}`).join('L')}Z`);
    }
  }
  return parts.join('');
}

const bboxOf = (polygons: readonly Position[][][]) => {
  const lngs = polygons.flatMap((p) => p.flatMap((ring) => ring.map((pos) => pos[0] as number)));
  const lats = polygons.flatMap((p) => p.flatMap((ring) => ring.map((pos) => pos[1] as number)));
  return { minLng: Math.min(...lngs), maxLng: Math.max(...lngs), minLat: Math.min(...lats), maxLat: Math.max(...lats) };
};

/**
 * Draws the départements of `source` (the territory outlines) in a MAP_WIDTH-wide frame, simplified to
 * about a pixel; overseas départements (codes of three digits) in square insets under the mainland.
 */
export function drawFrance(source: OutlineCollection): DrawnFrance {
  const outlines = simplifyOutlines(source, 0.03, 3);
  const mainlandHeight = Math.round((MAP_WIDTH * (MAINLAND.maxLat - MAINLAND.minLat)) / ((MAINLAND.maxLng - MAINLAND.minLng) * LNG_SCALE));
  const mainland = projection(MAINLAND, 0, 0, MAP_WIDTH, mainlandHeight);
  const insets: DrawnFrance['insets'] = [];
  const departements = outlines.features.map((feature) => {
    const polygons = feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates;
    const { code, nom } = feature.properties;
    let project = mainland;
    if (code.length === 3) {
      const inset = { x: insets.length * (INSET_SIZE + INSET_GAP), y: mainlandHeight + INSET_GAP, size: INSET_SIZE };
      insets.push(inset);
      project = projection(bboxOf(polygons), inset.x + 4, inset.y + 4, INSET_SIZE - 8, INSET_SIZE - 8);
    }
    return { code, name: nom, d: pathData(polygons, project) };
  });
  return { viewBox: `0 0 ${MAP_WIDTH} ${mainlandHeight + (insets.length ? INSET_GAP + INSET_SIZE : 0)}`, departements, insets };
}
