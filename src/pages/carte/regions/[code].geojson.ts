/** Light feed of one région: the locations of its départements and of the services serving them. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { regionFeedFromIndex } from '../../../lib/map/map-feed.ts';
import { listRegions } from '../../../lib/territories/territory-data.ts';
import { geoJsonResponse } from '../_geojson-response.ts';
import { departementIndex } from '../_map-feeds.ts';

export const getStaticPaths = (() => listRegions().map((r) => ({ params: { code: r.code } }))) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) => geoJsonResponse(regionFeedFromIndex(await departementIndex(), params.code as string));
