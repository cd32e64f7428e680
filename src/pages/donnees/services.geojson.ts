/** /donnees/services.geojson: one Point feature per place, confidential places at their commune's centroid. */
import type { APIRoute } from 'astro';
import { openDataGeoJson } from '../../lib/exports/open-data.ts';
import { jsonResponse, openDataInput } from './_open-data-input.ts';

export const GET: APIRoute = async ({ site }) => jsonResponse(openDataGeoJson(await openDataInput(site)), 'application/geo+json');
