/** /admin/config.yml, the web editor's configuration (see _editor-files.ts). */
import type { APIRoute, GetStaticPaths } from 'astro';
import { editorConfig, editorPaths } from './_editor-files.ts';

export const getStaticPaths = (() => editorPaths('config')) satisfies GetStaticPaths;

export const GET: APIRoute = ({ site }) => editorConfig(site);
