/** /donnees/modele-import-services.csv: the spreadsheet template of `content:import`, from its column list. */
import type { APIRoute } from 'astro';
import { importTemplateCsv } from '../../lib/editing/import-template.ts';

export const GET: APIRoute = () => new Response(importTemplateCsv(), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
