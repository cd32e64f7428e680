/**
 * Astro integration: after the build, writes `_headers` next to the built pages. It holds the
 * security headers of every response, with the Content-Security-Policy that Astro put in the pages'
 * <meta> (same hashes) plus frame-ancestors. Static hosts read this file; scripts/serve.ts applies it.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { headerCsp, metaCspOf } from '../../src/lib/security/content-security-policy.ts';
import { renderHeadersFile, siteHeaderRules } from '../../src/lib/security/security-headers.ts';

export const HEADERS_FILE = '_headers';

const HEADERS_COMMENT = `En-têtes HTTP de Passerelle, générés à la construction (scripts/lib/security-headers-integration.ts).
Format Netlify / Cloudflare Pages ; npm run serve applique ce même fichier.`;

/** The integration; `site` decides whether Strict-Transport-Security is sent. */
export function securityHeadersIntegration(): AstroIntegration {
  let https = false;
  return {
    name: 'passerelle:security-headers',
    hooks: {
      'astro:config:done': ({ config }) => {
        https = config.site?.startsWith('https://') ?? false;
      },
      'astro:build:done': ({ dir, logger }) => {
        const home = fileURLToPath(new URL('index.html', dir));
        const pagePolicy = existsSync(home) ? metaCspOf(readFileSync(home, 'utf8')) : undefined;
        if (!pagePolicy) throw new Error(`Aucune politique de sécurité du contenu trouvée dans ${home} : security.csp doit rester activé.`);
        const rules = siteHeaderRules({ contentSecurityPolicy: headerCsp(pagePolicy), https });
        writeFileSync(fileURLToPath(new URL(HEADERS_FILE, dir)), renderHeadersFile(rules, HEADERS_COMMENT));
        logger.info(`${HEADERS_FILE} écrit (en-têtes de sécurité pour les hébergeurs statiques et npm run serve).`);
      },
    },
  };
}
