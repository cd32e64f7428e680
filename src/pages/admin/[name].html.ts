/** /admin/index.html, the web editor's page (see _editor-files.ts). */
import type { APIRoute, GetStaticPaths } from 'astro';
import { editorIndex, editorPaths } from './_editor-files.ts';

export const getStaticPaths = (() => editorPaths('index')) satisfies GetStaticPaths;

export const GET: APIRoute = () => editorIndex();
