/** The départements' simplified outlines, computed once per build and shared by the outline routes. */
import { parseOutlines, simplifyOutlines, type OutlineCollection } from '../../lib/map/map-outlines.ts';
import outlines from '../../lib/territories/data/departements.geojson?raw';

let simplified: OutlineCollection | undefined;

export function departementOutlines(): OutlineCollection {
  simplified ??= simplifyOutlines(parseOutlines(outlines));
  return simplified;
}
