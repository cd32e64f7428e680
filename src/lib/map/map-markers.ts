/**
 * Marker symbols as SVG strings (for Leaflet divIcons and for the legend): one shape and one colour
 * per kind of service, from SERVICE_KIND_INFO, so colour never carries the meaning alone. An
 * approximate place (commune centroid, confidential place) is drawn as a dashed area around a
 * small symbol, never as a pin.
 */
import { SERVICE_KIND_INFO, SERVICE_KINDS, type ServiceKind, type ServiceKindInfo } from '../services/service-vocabulary.ts';

type Shape = ServiceKindInfo['markerShape'];

/** Shapes drawn in a 24 × 24 box centred on (12, 12). */
const SHAPE_PATHS: Record<Shape, string> = {
  circle: 'M12 3.5a8.5 8.5 0 1 0 0 17a8.5 8.5 0 1 0 0-17Z',
  square: 'M4.5 4.5H19.5V19.5H4.5Z',
  diamond: 'M12 2.5L21.5 12L12 21.5L2.5 12Z',
  triangle: 'M12 3L21.5 20H2.5Z',
  hexagon: 'M12 2.5L20.2 7.25V16.75L12 21.5L3.8 16.75V7.25Z',
};

/** The SVG path of a shape, in a 24 × 24 box. */
export function shapePath(shape: Shape): string {
  return SHAPE_PATHS[shape];
}

/** Size in pixels of the icons: exact markers are 28 px (a 24 px target is WCAG's minimum), areas 44 px. */
export const MARKER_SIZE = 28;
export const AREA_MARKER_SIZE = 44;

/** The symbol of a kind, alone (legend, cards). Decorative: the text beside it names the kind. */
export function kindSymbolSvg(kind: ServiceKind, size = 20): string {
  const info = SERVICE_KIND_INFO[kind];
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="${size}" height="${size}" aria-hidden="true" focusable="false"><path d="${SHAPE_PATHS[info.markerShape]}" fill="${info.markerColor}" stroke="#ffffff" stroke-width="1.5" stroke-linejoin="round"/></svg>`;
}

/** The symbol of an approximate place: a dashed area in the kind's colour, the kind's shape small inside. */
export function areaSymbolSvg(kind: ServiceKind, size = AREA_MARKER_SIZE): string {
  const info = SERVICE_KIND_INFO[kind];
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 44 44" width="${size}" height="${size}" aria-hidden="true" focusable="false"><circle cx="22" cy="22" r="20" fill="${info.markerColor}" fill-opacity="0.16" stroke="${info.markerColor}" stroke-width="2" stroke-dasharray="5 4"/><g transform="translate(13 13) scale(0.75)"><path d="${SHAPE_PATHS[info.markerShape]}" fill="${info.markerColor}" stroke="#ffffff" stroke-width="2" stroke-linejoin="round"/></g></svg>`;
}

/** The legend's symbol for approximate places: a dashed area, in grey since it applies to every kind. */
export function areaLegendSvg(size = 24): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 44 44" width="${size}" height="${size}" aria-hidden="true" focusable="false"><circle cx="22" cy="22" r="20" fill="#475569" fill-opacity="0.16" stroke="#475569" stroke-width="2.5" stroke-dasharray="5 4"/></svg>`;
}

/** The inner HTML of a location's marker. */
export function markerSvg(kind: ServiceKind, approximate: boolean): string {
  return approximate ? areaSymbolSvg(kind) : kindSymbolSvg(kind, MARKER_SIZE);
}

/** Diameter of a cluster bubble: grows with the logarithm of its count, from 32 to 56 px. */
export function clusterDiameter(count: number): number {
  return Math.round(Math.min(56, 32 + 6 * Math.log10(Math.max(1, count))));
}

/** A count as a cluster shows it: 1 234 → « 1,2 k », 56 000 → « 56 k ». */
export function clusterCountLabel(count: number): string {
  if (count < 1000) return String(count);
  const thousands = count / 1000;
  return `${thousands < 10 ? thousands.toFixed(1).replace('.', ',') : Math.round(thousands)} k`;
}

export interface LegendEntry {
  kind: ServiceKind;
  label: string;
  shape: Shape;
  color: string;
}

/** One legend entry per kind, in the vocabulary's order. */
export function legendEntries(): LegendEntry[] {
  return SERVICE_KINDS.map((kind) => ({
    kind,
    label: SERVICE_KIND_INFO[kind].label,
    shape: SERVICE_KIND_INFO[kind].markerShape,
    color: SERVICE_KIND_INFO[kind].markerColor,
  }));
}
