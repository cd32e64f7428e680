/** /recherche/index.json: the manifest of the embedded search index (counts and boxes per département). */
import type { APIRoute } from 'astro';
import { jsonResponse, searchIndexData } from './_search-data.ts';

export const GET: APIRoute = async () => jsonResponse((await searchIndexData()).manifest);
