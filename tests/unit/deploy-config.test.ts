/**
 * The deploy settings: the target a build variable names, and the security header rules written for
 * Vercel (config.json routes) and Caddy (the snippet deploy/Caddyfile imports), which must mean what
 * `_headers` means: `*` spans slashes, a later rule's value replaces an earlier one.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deployTarget } from '../../scripts/lib/deploy-target.ts';
import { caddySnippet, vercelHeaderRoutes } from '../../scripts/lib/security-headers-integration.ts';
import { PROJECT_ROOT } from '../../scripts/lib/site-build.ts';
import { headersForPath, siteHeaderRules } from '../../src/lib/security/security-headers.ts';

const rules = siteHeaderRules({
  contentSecurityPolicy: "default-src 'self'; script-src 'self' 'sha256-abc+/='; frame-ancestors 'none'",
  https: true,
});

describe('PASSERELLE_DEPLOY_TARGET', () => {
  it('is node when unset or empty, and names one of the three targets', () => {
    expect(deployTarget(undefined)).toBe('node');
    expect(deployTarget(' ')).toBe('node');
    expect(deployTarget('Netlify')).toBe('netlify');
    expect(deployTarget('vercel')).toBe('vercel');
  });

  it('stops the build with a French message for anything else', () => {
    expect(() => deployTarget('cloudflare')).toThrow(
      'PASSERELLE_DEPLOY_TARGET vaut « cloudflare » : écrivez node, netlify, vercel (node par défaut).',
    );
  });
});

describe('the header rules for Vercel', () => {
  it('give every path the headers _headers gives it, later routes overriding earlier ones', () => {
    const routes = vercelHeaderRoutes(rules);
    expect(routes.every((route) => route.continue)).toBe(true);
    for (const path of ['/', '/departements/62-pas-de-calais/', '/_astro/client.abc.js', '/admin/', '/carte/services.geojson']) {
      const applied = new Map<string, string>();
      for (const route of routes)
        if (new RegExp(route.src).test(path))
          for (const [name, value] of Object.entries(route.headers)) applied.set(name.toLowerCase(), value);
      expect(Object.fromEntries(applied), path).toEqual(
        Object.fromEntries([...headersForPath(rules, path).entries()].map(([name, [, value]]) => [name, value])),
      );
    }
  });
});

describe('the Caddy snippet', () => {
  it('names the routes rendered on demand with and without their slash, and the rules in file order', () => {
    const snippet = caddySnippet(rules, ['/api/orientation', '/orienter', '/recherche/lieu', '/services/*/contact']);
    expect(snippet.split('\n').slice(0, 3)).toEqual([
      '(passerelle_on_demand) {',
      '\t@passerelle_on_demand path /api/orientation /api/orientation/ /orienter /orienter/ /recherche/lieu /recherche/lieu/ /services/*/contact /services/*/contact/',
      '}',
    ]);
    expect(snippet).toContain(
      "\t\tContent-Security-Policy `default-src 'self'; script-src 'self' 'sha256-abc+/='; frame-ancestors 'none'`",
    );
    expect(snippet.indexOf('@passerelle_headers_0 path_regexp `^\\/.*$`')).toBeLessThan(
      snippet.indexOf('@passerelle_headers_2 path_regexp `^\\/admin\\/.*$`'),
    );
  });

  it.skipIf(spawnSync('caddy', ['version'], { stdio: 'ignore' }).status !== 0)('is accepted by Caddy with deploy/Caddyfile', () => {
    const client = mkdtempSync(join(tmpdir(), 'passerelle-caddy-snippet-'));
    writeFileSync(join(client, '_passerelle.caddy'), caddySnippet(rules, ['/api/orientation', '/orienter']));
    const adapted = spawnSync('caddy', ['adapt', '--config', join(PROJECT_ROOT, 'deploy/Caddyfile'), '--adapter', 'caddyfile'], {
      encoding: 'utf8',
      env: { ...process.env, PASSERELLE_CLIENT: client, PASSERELLE_SITE: ':8080' },
    });
    expect(adapted.stderr).not.toMatch(/Error/);
    expect(adapted.status).toBe(0);
    const config = JSON.parse(adapted.stdout) as object;
    expect(JSON.stringify(config)).toContain('"precompressed"');
  });
});
