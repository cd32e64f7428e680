/** Light feed of every public location in France, for the map of the home page. */
import type { APIRoute } from 'astro';
import { geoJsonResponse } from './_geojson-response.ts';
import { franceFeed } from './_map-feeds.ts';

export const GET: APIRoute = async () => geoJsonResponse(await franceFeed());
