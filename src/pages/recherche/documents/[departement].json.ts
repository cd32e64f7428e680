/** /recherche/documents/<département>.json: the compact search documents of the services there or serving it. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { buildShard } from '../../../lib/search/search-shards.ts';
import { listDepartements } from '../../../lib/territories/territory-data.ts';
import { jsonResponse, searchIndexData } from '../_search-data.ts';

export const getStaticPaths = (() =>
  listDepartements().map((d) => ({ params: { departement: d.code.toLowerCase() }, props: { code: d.code } }))) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ props }) =>
  jsonResponse(buildShard((await searchIndexData()).documents, (props as { code: string }).code));
