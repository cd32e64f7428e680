/** /donnees/data-inclusion/services.json: services in the data·inclusion v1 schema, one per place. */
import type { APIRoute } from 'astro';
import { dataInclusionServices } from '../../../lib/exports/data-inclusion.ts';
import { jsonResponse, openDataInput } from '../_open-data-input.ts';

export const GET: APIRoute = async ({ site }) => jsonResponse(dataInclusionServices(await openDataInput(site)));
