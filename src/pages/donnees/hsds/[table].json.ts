/** /donnees/hsds/<table>.json: one Open Referral HSDS 3.0 table per file. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { HSDS_TABLES, hsdsTables, type HsdsTable } from '../../../lib/exports/hsds.ts';
import { jsonResponse, openDataInput } from '../_open-data-input.ts';

export const getStaticPaths = (() => HSDS_TABLES.map((table) => ({ params: { table } }))) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params, site }) => jsonResponse(hsdsTables(await openDataInput(site))[params.table as HsdsTable]);
