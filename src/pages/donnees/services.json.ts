/** /donnees/services.json: every service with every public field (see /donnees/). */
import type { APIRoute } from 'astro';
import { OPEN_DATA_LICENCE, openDataServices } from '../../lib/exports/open-data.ts';
import { jsonResponse, openDataInput } from './_open-data-input.ts';

export const GET: APIRoute = async ({ site }) => {
  const services = openDataServices(await openDataInput(site));
  return jsonResponse({
    source: 'Passerelle',
    licence: OPEN_DATA_LICENCE,
    generatedOn: new Date().toISOString().slice(0, 10),
    count: services.length,
    services,
  });
};
