/** The bounds of the territories a map opens on (from the territory data; see map-bbox.ts for the geometry). */
import type { GeoPoint } from '../territories/geo-distance.ts';
import { getDepartement, listDepartements, type Departement } from '../territories/territory-data.ts';
import { METROPOLE_BBOX, pointsBBox, unionBBox, type BBox } from './map-bbox.ts';
import type { MapScope } from './map-scope.ts';

/** Areas offered by the selector of the France map: the mainland and each overseas département. */
export interface MapArea {
  id: string;
  label: string;
  bbox: BBox;
}

/** The mainland, then the five overseas départements, with their bounds from the outlines. */
export function franceAreas(): MapArea[] {
  const overseas = listDepartements()
    .filter((d) => d.zone === 'drom')
    .map((d: Departement) => ({ id: d.code, label: d.name, bbox: d.bbox }));
  return [{ id: 'metropole', label: 'Métropole et Corse', bbox: METROPOLE_BBOX }, ...overseas];
}

/**
 * The bounds a map opens on: the outline of its département or région, the mainland for France,
 * its locations for one service (given by the caller). Undefined for an unknown code.
 */
export function scopeBBox(scope: MapScope, servicePoints: readonly GeoPoint[] = []): BBox | undefined {
  switch (scope.type) {
    case 'france':
      return METROPOLE_BBOX;
    case 'departement':
      return getDepartement(scope.code)?.bbox;
    case 'region':
      return unionBBox(
        listDepartements()
          .filter((d) => d.regionCode === scope.code)
          .map((d) => d.bbox),
      );
    case 'service':
      return pointsBBox(servicePoints);
  }
}
