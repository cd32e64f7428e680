/**
 * The web editor (Decap CMS, served from the site: it works without any third-party request), built
 * only when PASSERELLE_ADMIN_BACKEND is set: /admin/ (index.html), /admin/config.yml and the editor's
 * script. Without that setting, no /admin/ file exists.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { APIRoute, GetStaticPaths } from 'astro';
import { stringify } from 'yaml';
import { cmsSettingsFrom, decapConfig } from '../../lib/editing/cms-config.ts';

const ADMIN_FILES = ['index.html', 'config.yml', 'decap-cms.js'] as const;

export const getStaticPaths = (() => (cmsSettingsFrom(process.env) ? ADMIN_FILES.map((file) => ({ params: { file } })) : [])) satisfies GetStaticPaths;

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

export const GET: APIRoute = ({ params, site }) => {
  const settings = cmsSettingsFrom(process.env);
  if (!settings) return new Response(null, { status: 404 });
  if (params.file === 'config.yml') {
    return new Response(stringify(decapConfig({ ...settings, ...(site ? { siteUrl: site.href } : {}) })), { headers: { 'Content-Type': 'text/yaml; charset=utf-8' } });
  }
  if (params.file === 'decap-cms.js') {
    const require = createRequire(join(process.cwd(), 'package.json'));
    return new Response(readFileSync(require.resolve('decap-cms/dist/decap-cms.js')), { headers: { 'Content-Type': 'text/javascript; charset=utf-8' } });
  }
  return new Response(INDEX_HTML, { headers: { 'Content-Type': 'text/html; charset=utf-8' } });
};
