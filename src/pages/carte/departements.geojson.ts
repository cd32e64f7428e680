/** Simplified outlines of the départements: the map's vector layer, readable without tiles. */
import type { APIRoute } from 'astro';
import { parseOutlines, simplifyOutlines } from '../../lib/map/map-outlines.ts';
import outlines from '../../lib/territories/data/departements.geojson?raw';
import { geoJsonResponse } from './_geojson-response.ts';

export const GET: APIRoute = () => geoJsonResponse(simplifyOutlines(parseOutlines(outlines)));
