/** /donnees/data-inclusion/structures.json: structures in the data·inclusion v1 schema. */
import type { APIRoute } from 'astro';
import { dataInclusionStructures } from '../../../lib/exports/data-inclusion.ts';
import { jsonResponse, openDataInput } from '../_open-data-input.ts';

export const GET: APIRoute = async ({ site }) => jsonResponse(dataInclusionStructures(await openDataInput(site)));
