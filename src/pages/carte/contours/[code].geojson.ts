/** Outlines of one département and its neighbours, for the maps of a département or a service. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { outlinesAround } from '../../../lib/map/map-outlines.ts';
import { getDepartement, listDepartements } from '../../../lib/territories/territory-data.ts';
import { departementOutlines } from '../_departement-outlines.ts';
import { geoJsonResponse } from '../_geojson-response.ts';

export const getStaticPaths = (() => listDepartements().map((d) => ({ params: { code: d.code } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) => {
  const code = params.code as string;
  return geoJsonResponse(outlinesAround(departementOutlines(), [code, ...(getDepartement(code)?.neighbours ?? [])]));
};
