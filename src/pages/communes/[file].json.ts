/** /communes/<clé>.json: the communes whose name has a word starting with the key, or whose codes start with it. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { jsonResponse } from '../recherche/_search-data.ts';
import { communeFiles } from './_commune-files.ts';

export const getStaticPaths = (() => [...communeFiles().files.keys()].map((file) => ({ params: { file } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) => jsonResponse(communeFiles().files.get(params.file as string) ?? []);
