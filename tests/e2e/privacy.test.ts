/**
 * Privacy: no cookie, no storage, no tracker, no request to another host except map tiles (and only
 * on a page that shows a map), checked in Chromium on one page of each kind (every page of the sitemap in `npm run test:full`); a scan of every built
 * file that fails on any host outside a short allow-list; and the confidentialité page naming exactly
 * the other hosts that the pages' policy lets the browser reach.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { cspDirectiveSources, metaCspOf } from '../../src/lib/security/content-security-policy.ts';
import { externalHosts } from '../../src/lib/site/external-hosts.ts';
import { openHermeticPage } from '../support/browser.ts';
import { browserForFile } from '../support/file-browser.ts';
import { filesUnder, foreignLoadsInHtml, mapLimit, pagesToSweep, sitemapPaths } from '../support/site-crawl.ts';

const baseUrl = inject('baseUrl');
const outDir = inject('outDir');
// The build reads the same variables (astro.config.mjs); an empty PUBLIC_MAP_TILE_URL means no tiles.
const tileHost = externalHosts({ mapTileUrl: process.env.PUBLIC_MAP_TILE_URL }).mapTiles?.host ?? 'aucune-tuile.invalid';
let paths: string[];
const browser = browserForFile();

beforeAll(async () => {
  paths = pagesToSweep(await sitemapPaths(baseUrl));
});

const isTile = (url: string): boolean => new URL(url).host.endsWith(tileHost);

/** The other hosts the confidentialité page names (each marked with data-external-host). */
async function hostsNamedOnPrivacyPage(): Promise<{ named: string[]; html: string }> {
  const html = await (await fetch(`${baseUrl}/confidentialite/`)).text();
  return { named: [...new Set([...html.matchAll(/data-external-host="([^"]+)"/g)].map((m) => m[1] as string))].sort(), html };
}

describe('in Chromium, on the pages of the sitemap (one per kind; all of them in test:full)', () => {
  // Every page of the sitemap loads in Chromium: the time grows with the content and with the machine's load.
  it(
    'no cookie or storage is set, and no other host is contacted except map tiles on a page with a map',
    { timeout: 1_800_000 },
    async () => {
      const contacted = new Set<string>();
      const problems = await mapLimit(paths, 2, async (path) => {
        const { page, context, blockedRequests } = await openHermeticPage(browser, baseUrl);
        const found: string[] = [];
        page.on('response', async (response) => {
          const cookie = await response.headerValue('set-cookie').catch(() => null);
          if (cookie) found.push(`Set-Cookie sur ${response.url()}`);
        });
        try {
          await page.goto(`${baseUrl}${path}`, { waitUntil: 'load' });
          // Leave time to islands that load on sight, and scroll so that lazy ones start too.
          await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
          await page.waitForTimeout(400);
          const hasMap = (await page.locator('.leaflet-container').count()) > 0;
          for (const url of blockedRequests) {
            if (!url.startsWith('http')) continue;
            contacted.add(new URL(url).host);
            if (!isTile(url)) found.push(`requête vers ${new URL(url).host}`);
            else if (!hasMap) found.push(`tuile demandée sans carte affichée : ${url}`);
          }
          if ((await page.evaluate(() => document.cookie)) !== '') found.push('document.cookie non vide');
          if ((await context.cookies()).length > 0) found.push(`cookies : ${(await context.cookies()).map((c) => c.name).join(', ')}`);
          const storage = await page.evaluate(() => ({ local: localStorage.length, session: sessionStorage.length }));
          if (storage.local > 0) found.push(`${storage.local} entrée(s) dans localStorage`);
          if (storage.session > 0) found.push(`${storage.session} entrée(s) dans sessionStorage`);
        } finally {
          await context.close();
        }
        return [...new Set(found)].map((problem) => `${path} : ${problem}`);
      });
      expect(problems.flat()).toEqual([]);
      // Whatever the browser contacted, the confidentialité page says so.
      const { named } = await hostsNamedOnPrivacyPage();
      expect([...contacted].filter((host) => !named.some((name) => host === name || host.endsWith(`.${name}`)))).toEqual([]);
    },
  );
});

describe('the confidentialité page', () => {
  it('names exactly the other hosts that the pages’ security policy lets the browser reach', async () => {
    const { named, html } = await hostsNamedOnPrivacyPage();
    const policy = metaCspOf(html) as string;
    const allowed = ['img-src', 'connect-src']
      .flatMap((directive) => cspDirectiveSources(policy, directive) ?? [])
      .filter((source) => /^https?:\/\//.test(source))
      .map((source) => source.replace(/^https?:\/\/(\*\.)?/, ''));
    expect(named).toEqual([...new Set(allowed)].sort());
    const configured = externalHosts({ mapTileUrl: process.env.PUBLIC_MAP_TILE_URL, searchUrl: process.env.PUBLIC_MEILISEARCH_URL });
    expect(named).toEqual([configured.mapTiles?.host, configured.search?.host].filter((host) => host !== undefined).sort());
  });
});

describe('every built file', () => {
  // Hosts that may appear in scripts and styles: XML and JSON Schema namespaces (identifiers, never
  // fetched), React's error-message links, Leaflet's and OpenStreetMap's credits, the tiles, and
  // github.com in the package metadata the Meilisearch client bundles (a string, never fetched).
  const ALLOWED_IN_CODE = [
    'www.w3.org',
    'json-schema.org',
    'react.dev',
    'leafletjs.com',
    'www.openstreetmap.org',
    'openstreetmap.org',
    'github.com',
    tileHost,
  ];
  const site = new URL(process.env.SITE_URL ?? 'http://localhost:4321');

  it('loads nothing from another host: pages, scripts and styles', () => {
    const files = filesUnder(`${outDir}/client`);
    const problems: string[] = [];
    for (const file of files) {
      const name = relative(`${outDir}/client`, file);
      if (/\.(js|mjs|css)$/.test(file)) {
        const hosts = new Set(
          [...readFileSync(file, 'utf8').matchAll(/https?:\/\/([a-z0-9.-]+\.[a-z]{2,})/gi)].map((m) => (m[1] as string).toLowerCase()),
        );
        for (const host of hosts)
          if (!ALLOWED_IN_CODE.some((allowed) => host === allowed || host.endsWith(`.${allowed}`))) problems.push(`${name} : ${host}`);
        if (/\.css$/.test(file) && /url\(\s*['"]?(https?:)?\/\//i.test(readFileSync(file, 'utf8')))
          problems.push(`${name} : url() vers un autre site`);
      }
      if (file.endsWith('.html'))
        for (const problem of foreignLoadsInHtml(readFileSync(file, 'utf8'), site)) problems.push(`${name} : ${problem}`);
    }
    expect(files.length).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });

  it('scan catches a style, a <style> element or a refresh that reaches another host, and lets the site’s own pass', () => {
    const page = (body: string) => `<!doctype html><html><head>${body}</head></html>`;
    expect(foreignLoadsInHtml(page('<div style="background:url(&quot;https://tiers.example/a.png&quot;)"></div>'), site)).toHaveLength(1);
    expect(foreignLoadsInHtml(page("<p style='background-image: url(//tiers.example/b.png)'></p>"), site)).toHaveLength(1);
    expect(
      foreignLoadsInHtml(
        page('<style>.a{background:url(https://tiers.example/c.png)}@import "https://tiers.example/d.css";</style>'),
        site,
      ),
    ).toHaveLength(2);
    expect(foreignLoadsInHtml(page('<meta http-equiv="refresh" content="0; url=https://tiers.example/">'), site)).toHaveLength(1);
    expect(
      foreignLoadsInHtml(
        page(
          '<meta http-equiv="Refresh" content=\'5;URL=/recherche/\'><style>.b{background:url(/x.svg)}</style><div style="background:url(data:image/png;base64,AA)"></div>',
        ),
        site,
      ),
    ).toEqual([]);
  });

  it('contains no known tracker or analytics snippet', () => {
    const TRACKERS =
      /google-analytics\.com|googletagmanager\.com|\bgtag\(|matomo\.(js|php)|piwik\.(js|php)|plausible\.io|hotjar\.com|connect\.facebook\.net|\bfbq\(|doubleclick\.net|cdn\.segment\.com|clarity\.ms|xiti\.com|at-internet/;
    const found = filesUnder(`${outDir}/client`)
      .filter((file) => /\.(html|js|mjs|css)$/.test(file))
      .filter((file) => TRACKERS.test(readFileSync(file, 'utf8')))
      .map((file) => relative(outDir, file));
    expect(found).toEqual([]);
  });
});
