/**
 * Security headers, checked on the built site served by scripts/serve.ts: every page of the sitemap,
 * the error page, assets and feeds; and in Chromium, that the policy really blocks framing and inline
 * scripts while the site's own scripts run.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { cspDirectiveSources, headerCsp, metaCspOf } from '../../src/lib/security/content-security-policy.ts';
import { headersForPath, parseHeadersFile } from '../../src/lib/security/security-headers.ts';
import { openHermeticPage } from '../support/browser.ts';
import { browserForFile } from '../support/file-browser.ts';
import { rawRequest } from '../support/http-helpers.ts';
import { serveSite, type ServedSite } from '../support/referral-site.ts';
import { mapLimit, sitemapPaths } from '../support/site-crawl.ts';

const baseUrl = inject('baseUrl');
const outDir = inject('outDir');
let paths: string[];
const browser = browserForFile();

beforeAll(async () => {
  paths = await sitemapPaths(baseUrl);
});

/** The checks every response must pass; returns the problems found, as readable lines. */
function headerProblems(path: string, headers: Headers): string[] {
  const problems: string[] = [];
  const csp = headers.get('content-security-policy') ?? '';
  const scripts = cspDirectiveSources(csp, 'script-src');
  if (!scripts) problems.push(`${path} : pas de script-src dans la CSP`);
  else if (scripts.some((s) => /unsafe-inline|unsafe-eval|^\*$|^https?:$/.test(s)))
    problems.push(`${path} : script-src trop large (${scripts.join(' ')})`);
  if (cspDirectiveSources(csp, 'frame-ancestors')?.join(' ') !== "'none'") problems.push(`${path} : frame-ancestors 'none' manquant`);
  if (cspDirectiveSources(csp, 'object-src')?.join(' ') !== "'none'") problems.push(`${path} : object-src 'none' manquant`);
  if (headers.get('referrer-policy') !== 'no-referrer') problems.push(`${path} : Referrer-Policy = ${headers.get('referrer-policy')}`);
  if (!/(^|,\s*)geolocation=\(self\)/.test(headers.get('permissions-policy') ?? ''))
    problems.push(`${path} : Permissions-Policy sans geolocation=(self)`);
  if (/camera=\((?!\))|microphone=\((?!\))/.test(headers.get('permissions-policy') ?? ''))
    problems.push(`${path} : caméra ou micro autorisés`);
  if (headers.get('x-content-type-options') !== 'nosniff') problems.push(`${path} : X-Content-Type-Options manquant`);
  if (headers.has('set-cookie')) problems.push(`${path} : Set-Cookie envoyé`);
  return problems;
}

describe('security headers on the served site', () => {
  it('are sent with every page of the sitemap, and the header CSP is the pages’ own policy plus frame-ancestors', async () => {
    expect(paths.length).toBeGreaterThan(0);
    const problems = (
      await mapLimit(paths, 8, async (path) => {
        const response = await fetch(`${baseUrl}${path}`);
        const found = response.status === 200 ? headerProblems(path, response.headers) : [`${path} : statut ${response.status}`];
        // Prerendered pages carry their policy in a <meta> and the site-wide header must equal it (a page
        // with an inline script of its own would be blocked); pages rendered on demand get Astro's header.
        const pagePolicy = metaCspOf(await response.text());
        if (pagePolicy && headerCsp(pagePolicy) !== response.headers.get('content-security-policy'))
          found.push(`${path} : la CSP de la page diffère de celle de l’en-tête`);
        return found;
      })
    ).flat();
    expect(problems).toEqual([]);
  });

  it('are sent with the 404 page, assets, feeds and the sitemap itself', async () => {
    const home = await (await fetch(`${baseUrl}/`)).text();
    const asset = /(?:src|href)="(\/_astro\/[^"]+)"/.exec(home)?.[1];
    expect(asset, 'la page d’accueil charge au moins un fichier de /_astro/').toBeDefined();
    const others = ['/page-qui-n-existe-pas/', '/sitemap.xml', '/robots.txt', asset as string];
    for (const path of others) {
      const response = await fetch(`${baseUrl}${path}`);
      expect(headerProblems(path, response.headers)).toEqual([]);
      if (path === asset) expect(response.headers.get('cache-control')).toContain('immutable');
    }
    expect((await fetch(`${baseUrl}/page-qui-n-existe-pas/`)).status).toBe(404);
  });

  it('come with pages and feeds in the compressed form written at build time, and nothing compressed for a client that does not ask', async () => {
    for (const [encoding, path] of [
      ['br', '/departements/62-pas-de-calais/'],
      ['gzip', '/departements/62-pas-de-calais/'],
      ['br', '/carte/departements.geojson'],
    ] as const) {
      const response = await fetch(`${baseUrl}${path}`, { headers: { 'Accept-Encoding': encoding } });
      expect(response.headers.get('content-encoding'), path).toBe(encoding);
      expect(response.headers.get('vary'), path).toBe('Accept-Encoding');
      expect(headerProblems(path, response.headers)).toEqual([]);
      expect(await response.text()).toBe(readFileSync(join(outDir, 'client', path.endsWith('/') ? `${path}index.html` : path), 'utf8'));
    }
    const plain = await fetch(`${baseUrl}/departements/62-pas-de-calais/`, { headers: { 'Accept-Encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plain.headers.get('vary')).toBe('Accept-Encoding');
    expect(headerProblems('/departements/62-pas-de-calais/', plain.headers)).toEqual([]);
    const refused = await rawRequest(`${baseUrl}/carte/departements.geojson`, { headers: { 'Accept-Encoding': 'gzip;q=0' } });
    expect(refused.headers['content-encoding']).toBeUndefined();
  });

  it('are the ones written in _headers on every kind of response: page, JSON, GeoJSON, 404, API', async () => {
    const rules = parseHeadersFile(readFileSync(join(outDir, 'client/_headers'), 'utf8'));
    const json = readdirSync(join(outDir, 'client/donnees'), { recursive: true })
      .map(String)
      .find((file) => file.endsWith('.json'));
    expect(json, 'un fichier JSON de /donnees/').toBeDefined();
    const kinds: [string, RequestInit][] = [
      ['/', {}],
      ['/departements/62-pas-de-calais/', { headers: { 'Accept-Encoding': 'br' } }],
      [`/donnees/${json}`, {}],
      ['/carte/departements.geojson', { headers: { 'Accept-Encoding': 'gzip' } }],
      ['/page-qui-n-existe-pas/', {}],
      ['/api/orientation', { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: baseUrl }, body: '{}' }],
    ];
    for (const [path, init] of kinds) {
      const response = await fetch(`${baseUrl}${path}`, init);
      for (const [name, value] of headersForPath(rules, path).values()) expect(response.headers.get(name), `${path} ${name}`).toBe(value);
    }
  });

  it('keep _headers unpublished, under any spelling of its path', async () => {
    for (const path of ['/_headers', '/_heade%72s', '//_headers', '/x/../_headers', '/_passerelle.caddy']) {
      const response = await rawRequest(`${baseUrl}${path}`);
      expect(response.status, path).toBe(404);
      expect(response.body.toString(), path).not.toContain('Content-Security-Policy:');
    }
  });

  it('read "//path" as a path of this site, never as another host', async () => {
    const home = (await rawRequest(`${baseUrl}/`, { headers: { 'Accept-Encoding': 'gzip' } })).body;
    const missing = await rawRequest(`${baseUrl}//nexistepas`, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(missing.body.equals(home)).toBe(false);
    expect([404, 301]).toContain(missing.status);
    if (missing.status === 301) expect(missing.headers.location).toBe('/nexistepas/');
    const form = await rawRequest(`${baseUrl}//orienter/`);
    expect(form.status).toBe(200);
    expect(form.body.toString()).toContain('<form');
  });

  it('validate with ETag (a list holding it and * get 304) and answer a Range with 206', async () => {
    const path = '/carte/departements.geojson';
    const etag = (await rawRequest(`${baseUrl}${path}`, { headers: { 'Accept-Encoding': 'br' } })).headers.etag as string;
    for (const match of [etag, `"autre", ${etag}`, '*']) {
      expect((await rawRequest(`${baseUrl}${path}`, { headers: { 'Accept-Encoding': 'br', 'If-None-Match': match } })).status, match).toBe(
        304,
      );
    }
    const part = await rawRequest(`${baseUrl}${path}`, { headers: { Range: 'bytes=0-99' } });
    expect(part.status).toBe(206);
    expect(part.body.length).toBe(100);
  });
});

describe('methods the site does not answer', () => {
  let site: ServedSite;
  beforeAll(async () => {
    site = await serveSite(outDir);
  });
  afterAll(async () => {
    await site?.stop();
  });

  it('answers TRACE, PUT and DELETE with 405 and Allow on the API, the form, a 404 and static files (POST too on static files), with nothing in the log', async () => {
    for (const path of ['/api/orientation', '/orienter/', '/page-qui-n-existe-pas/', '/', '/carte/departements.geojson']) {
      for (const method of ['TRACE', 'PUT', 'DELETE']) {
        const response = await rawRequest(`${site.baseUrl}${path}`, { method });
        expect(response.status, `${method} ${path}`).toBe(405);
        expect(response.headers.allow, `${method} ${path}`).toMatch(/^GET, HEAD/);
        expect(response.headers['x-content-type-options'], `${method} ${path}`).toBe('nosniff');
      }
    }
    for (const path of ['/', '/carte/departements.geojson'])
      expect((await rawRequest(`${site.baseUrl}${path}`, { method: 'POST' })).status, `POST ${path}`).toBe(405);
    expect(site.logs.join('')).not.toMatch(/Error|    at /);
  });
});

describe('the policy in Chromium', () => {
  it('lets the site’s own scripts run and blocks an injected inline script', async () => {
    const { page, context, consoleErrors } = await openHermeticPage(browser, baseUrl);
    await page.goto(`${baseUrl}/`);
    const violations = await page.evaluate(async () => {
      const seen: string[] = [];
      document.addEventListener('securitypolicyviolation', (event) => seen.push(event.violatedDirective));
      const script = document.createElement('script');
      script.textContent = 'window.__injected = true;';
      document.body.append(script);
      await new Promise((resolve) => setTimeout(resolve, 100));
      return { seen, injected: (window as unknown as { __injected?: boolean }).__injected === true };
    });
    expect(violations.injected).toBe(false);
    expect(violations.seen.some((d) => d.startsWith('script-src'))).toBe(true);
    // The quick exit is the site's own inline script: it must have run (its click handler replaces history).
    const historyLength = await page.evaluate(() => history.length);
    await page.click('[data-quick-exit]');
    await page.waitForURL((url) => !url.href.startsWith(baseUrl), { waitUntil: 'commit' }).catch(() => undefined);
    expect(await page.evaluate(() => history.length).catch(() => historyLength)).toBe(historyLength);
    expect(consoleErrors.filter((e) => !e.includes('__injected') && !/Content Security Policy/.test(e))).toEqual([]);
    await context.close();
  });

  it('refuses to be framed', async () => {
    const { page, context } = await openHermeticPage(browser, baseUrl);
    await page.goto(`${baseUrl}/robots.txt`);
    await page.setContent(`<iframe title="essai" src="${baseUrl}/"></iframe>`);
    await page.waitForTimeout(500);
    const frame = page.frames().find((f) => f !== page.mainFrame());
    const framedText = await frame?.evaluate(() => document.body?.innerText ?? '').catch(() => '');
    expect(framedText ?? '').not.toContain('Quitter ce site');
    await context.close();
  });
});
