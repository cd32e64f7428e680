/**
 * The web editor's files (Decap CMS, served from the site: it works without any third-party request),
 * built only when PASSERELLE_ADMIN_BACKEND is set: /admin/index.html (served at /admin/),
 * /admin/config.yml and /admin/decap-cms.js. Without that setting, no /admin/ file exists. One route per
 * file, each named with its extension, so that `astro dev` serves them at the same addresses as the
 * build (a route without an extension would want a trailing slash).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { cmsSettingsFrom, decapConfig } from '../../lib/editing/cms-config.ts';

/** getStaticPaths of an editor file: its one path when the editor is configured, none otherwise. */
export function editorPaths(name: string): { params: { name: string } }[] {
  return cmsSettingsFrom(process.env) ? [{ params: { name } }] : [];
}

const INDEX_HTML = `<!doctype html>
<html lang="fr">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="robots" content="noindex" />
    <title>Éditer les fiches | Passerelle</title>
    <link href="/admin/config.yml" type="text/yaml" rel="cms-config-url" />
  </head>
  <body>
    <noscript>L’éditeur de fiches a besoin de JavaScript. Vous pouvez aussi modifier les fichiers de content/ directement (voir content/README.md).</noscript>
    <script src="/admin/decap-cms.js"></script>
  </body>
</html>
`;

const notConfigured = () => new Response(null, { status: 404 });

export function editorIndex(): Response {
  if (!cmsSettingsFrom(process.env)) return notConfigured();
  return new Response(INDEX_HTML, { headers: { 'Content-Type': 'text/html; charset=utf-8' } });
}

/** config.yml; `site` gives the editor's "view" links. */
export function editorConfig(site: URL | undefined): Response {
  const settings = cmsSettingsFrom(process.env);
  if (!settings) return notConfigured();
  return new Response(stringify(decapConfig({ ...settings, ...(site ? { siteUrl: site.href } : {}) })), {
    headers: { 'Content-Type': 'text/yaml; charset=utf-8' },
  });
}

/** The editor's script, from the decap-cms package. */
export function editorScript(): Response {
  if (!cmsSettingsFrom(process.env)) return notConfigured();
  const require = createRequire(join(process.cwd(), 'package.json'));
  return new Response(readFileSync(require.resolve('decap-cms/dist/decap-cms.js')), {
    headers: { 'Content-Type': 'text/javascript; charset=utf-8' },
  });
}
