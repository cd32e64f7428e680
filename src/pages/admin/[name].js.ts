/** /admin/decap-cms.js, the web editor's script (see _editor-files.ts). */
import type { APIRoute, GetStaticPaths } from 'astro';
import { editorPaths, editorScript } from './_editor-files.ts';

export const getStaticPaths = (() => editorPaths('decap-cms')) satisfies GetStaticPaths;

export const GET: APIRoute = () => editorScript();
