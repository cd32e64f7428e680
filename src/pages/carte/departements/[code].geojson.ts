/** Full feed of one département: its locations and those of the services serving it. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { listDepartements } from '../../../lib/territories/territory-data.ts';
import { geoJsonResponse } from '../_geojson-response.ts';
import { departementIndex } from '../_map-feeds.ts';

export const getStaticPaths = (() => listDepartements().map((d) => ({ params: { code: d.code } }))) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) =>
  geoJsonResponse({ type: 'FeatureCollection', features: (await departementIndex()).get(params.code as string) ?? [] });
