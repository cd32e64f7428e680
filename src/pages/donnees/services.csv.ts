/** /donnees/services.csv: one row per place (columns documented on /donnees/). */
import type { APIRoute } from 'astro';
import { openDataCsv } from '../../lib/exports/open-data.ts';
import { openDataInput } from './_open-data-input.ts';

export const GET: APIRoute = async ({ site }) =>
  new Response(openDataCsv(await openDataInput(site)), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
