/** Simplified outlines of the départements: the map's vector layer, readable without tiles. */
import type { APIRoute } from 'astro';
import { departementOutlines } from './_departement-outlines.ts';
import { geoJsonResponse } from './_geojson-response.ts';

export const GET: APIRoute = () => geoJsonResponse(departementOutlines());
