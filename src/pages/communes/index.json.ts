/** /communes/index.json: which commune suggestion files exist. */
import type { APIRoute } from 'astro';
import { jsonResponse } from '../recherche/_search-data.ts';
import { communeFiles } from './_commune-files.ts';

export const GET: APIRoute = () => jsonResponse(communeFiles().manifest);
