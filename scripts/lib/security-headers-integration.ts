/**
 * Astro integration: after the build, writes the security headers of every response, with the
 * Content-Security-Policy that Astro put in the pages' <meta> (same hashes) plus frame-ancestors,
 * in the form the target reads: `_headers` next to the built pages (Netlify reads it as is,
 * scripts/serve.ts applies it, deploy/Caddyfile imports its Caddy translation `_headers.caddy`), or
 * the first routes of `.vercel/output/config.json` for Vercel. One set of rules
 * (src/lib/security/security-headers.ts), three spellings.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { headerCsp, metaCspOf } from '../../src/lib/security/content-security-policy.ts';
import { headerPatternRegex, renderHeadersFile, siteHeaderRules, type HeaderRule } from '../../src/lib/security/security-headers.ts';
import type { DeployTarget } from './deploy-target.ts';

export const HEADERS_FILE = '_headers';
/**
 * The same rules for Caddy, with the matcher of the routes rendered on demand: imported by
 * deploy/Caddyfile, never published (static-files.ts, the Caddyfile).
 */
export const CADDY_SNIPPET_FILE = '_passerelle.caddy';

const HEADERS_COMMENT = `En-têtes HTTP de Passerelle, générés à la construction (scripts/lib/security-headers-integration.ts).
Format Netlify / Cloudflare Pages ; npm run serve applique ce même fichier.`;

/** A Vercel Build Output API route (config.json `routes`) that adds headers and lets routing continue. */
export interface VercelHeaderRoute {
  src: string;
  headers: Record<string, string>;
  continue: true;
}

/** The rules as Vercel routes, in file order: a later rule's value replaces an earlier one, as in `_headers`. */
export function vercelHeaderRoutes(rules: HeaderRule[]): VercelHeaderRoute[] {
  return rules.map((rule) => ({ src: headerPatternRegex(rule.pattern), headers: Object.fromEntries(rule.headers), continue: true }));
}

/**
 * The Caddyfile snippets of a build, imported by deploy/Caddyfile: `(passerelle_on_demand)` defines
 * the matcher `@passerelle_on_demand`, the paths Caddy hands to Node (each route rendered on demand,
 * with and without its trailing slash); `(passerelle_headers)` gives each header rule a matcher and a
 * deferred `header` block (applied as the response is written, so a header Node sent is replaced by
 * the site's), in file order; `(passerelle_error_headers)` is the same for `handle_errors`, whose
 * matchers share the site's names.
 */
export function caddySnippet(rules: HeaderRule[], onDemandPaths: string[]): string {
  // Backquoted Caddyfile tokens are taken literally (a regex's backslashes, a CSP's quotes).
  const quote = (value: string): string => `\`${value}\``;
  const headers = (prefix: string): string[] =>
    rules.flatMap((rule, index) => {
      const matcher = `@${prefix}_${index}`;
      return [
        `${matcher} path_regexp ${quote(headerPatternRegex(rule.pattern))}`,
        `header ${matcher} {`,
        ...rule.headers.map(([name, value]) => `\t${name} ${quote(value)}`),
        '\tdefer',
        '}',
      ];
    });
  const paths = [...new Set(onDemandPaths.flatMap((path) => [path.replace(/\/$/, ''), path.replace(/\/?$/, '/')]))];
  const block = (name: string, lines: string[]): string => `(${name}) {\n${lines.map((line) => `\t${line}`).join('\n')}\n}\n`;
  return [
    block('passerelle_on_demand', [`@passerelle_on_demand path ${paths.join(' ')}`]),
    block('passerelle_headers', headers('passerelle_headers')),
    block('passerelle_error_headers', headers('passerelle_error_headers')),
  ].join('\n');
}

/** The integration; `site` decides whether Strict-Transport-Security is sent, `target` where the rules go. */
export function securityHeadersIntegration({ target = 'node' }: { target?: DeployTarget } = {}): AstroIntegration {
  let https = false;
  let root: URL | undefined;
  let onDemandPaths: string[] = [];
  return {
    name: 'passerelle:security-headers',
    hooks: {
      'astro:config:done': ({ config }) => {
        https = config.site?.startsWith('https://') ?? false;
        root = config.root;
      },
      'astro:routes:resolved': ({ routes }) => {
        // A dynamic segment ([id], [...path]) is any run of characters for Caddy's path matcher.
        onDemandPaths = routes
          .filter((route) => route.origin === 'project' && !route.isPrerendered)
          .map((route) => route.pattern.replace(/\[[^\]]+\]/g, '*'));
      },
      'astro:build:done': ({ dir, logger }) => {
        const home = fileURLToPath(new URL('index.html', dir));
        const pagePolicy = existsSync(home) ? metaCspOf(readFileSync(home, 'utf8')) : undefined;
        if (!pagePolicy) throw new Error(`Aucune politique de sécurité du contenu trouvée dans ${home} : security.csp doit rester activé.`);
        const rules = siteHeaderRules({ contentSecurityPolicy: headerCsp(pagePolicy), https });
        if (target === 'vercel') {
          // The adapter wrote config.json just before (adapters' hooks run first); its static folder is a copy
          // made after this hook, so no _headers is written there to be published.
          const configFile = fileURLToPath(new URL('.vercel/output/config.json', root));
          const config = JSON.parse(readFileSync(configFile, 'utf8')) as { routes?: unknown[] };
          config.routes = [...vercelHeaderRoutes(rules), ...(config.routes ?? [])];
          writeFileSync(configFile, `${JSON.stringify(config, null, 2)}\n`);
          logger.info('En-têtes de sécurité ajoutés aux routes de .vercel/output/config.json.');
          return;
        }
        writeFileSync(fileURLToPath(new URL(HEADERS_FILE, dir)), renderHeadersFile(rules, HEADERS_COMMENT));
        if (target === 'node') writeFileSync(fileURLToPath(new URL(CADDY_SNIPPET_FILE, dir)), caddySnippet(rules, onDemandPaths));
        logger.info(`${HEADERS_FILE} écrit (en-têtes de sécurité pour les hébergeurs statiques et npm run serve).`);
      },
    },
  };
}
