/** Light feed of every public location in France, for the map of the home page. */
import type { APIRoute } from 'astro';
import { getSiteContent } from '../../data/content.ts';
import { buildFranceFeed, mappableServices } from '../../lib/map/map-feed.ts';
import { geoJsonResponse } from './_geojson-response.ts';

export const GET: APIRoute = async () => geoJsonResponse(buildFranceFeed(mappableServices((await getSiteContent()).services)));
