/**
 * What a map shows (all of France, a département, a région, one service) and where its feed lives.
 * Feeds are prerendered by src/pages/carte/**; the map of one service is small enough to be inline.
 */

export type MapScope =
  { type: 'france' } | { type: 'departement'; code: string } | { type: 'region'; code: string } | { type: 'service'; id: string };

/** Outlines of the départements, drawn as a vector layer under the markers. */
export const OUTLINES_FEED_PATH = '/carte/departements.geojson';

/** Outlines of one département and its neighbours: /carte/contours/62.geojson */
export function localOutlinesPath(departementCode: string): string {
  return `/carte/contours/${departementCode}.geojson`;
}

/**
 * The outlines a scope draws: the whole of France for the national and région maps, a département
 * and its neighbours for a département or a service (given the département of its first place).
 */
export function outlinesFeedPath(scope: MapScope, serviceDepartementCode?: string): string {
  if (scope.type === 'departement') return localOutlinesPath(scope.code);
  if (scope.type === 'service' && serviceDepartementCode) return localOutlinesPath(serviceDepartementCode);
  return OUTLINES_FEED_PATH;
}

/** Light feed of every location in France (markers only). */
export const FRANCE_FEED_PATH = '/carte/services.geojson';

/** The France map's groups for its first zooms, computed at build time (map-overview.ts). */
export const FRANCE_OVERVIEW_PATH = '/carte/apercu-france.json';

/** Full feed of one département: /carte/departements/62.geojson */
export function departementFeedPath(code: string): string {
  return `/carte/departements/${code}.geojson`;
}

/** Light feed of one région (markers only): /carte/regions/32.geojson */
export function regionFeedPath(code: string): string {
  return `/carte/regions/${code}.geojson`;
}

/** The feed a scope reads, or undefined for one service (its locations are passed inline). */
export function mapFeedPath(scope: MapScope): string | undefined {
  switch (scope.type) {
    case 'france':
      return FRANCE_FEED_PATH;
    case 'departement':
      return departementFeedPath(scope.code);
    case 'region':
      return regionFeedPath(scope.code);
    case 'service':
      return undefined;
  }
}

/** The overview a scope draws while its feed loads: only the France map has one. */
export function mapOverviewPath(scope: MapScope): string | undefined {
  return scope.type === 'france' ? FRANCE_OVERVIEW_PATH : undefined;
}
