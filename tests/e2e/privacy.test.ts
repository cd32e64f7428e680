/**
 * Privacy: no cookie, no tracker, no request to another host except map tiles (and only on a page
 * that shows a map), checked in Chromium on every page of the sitemap; and a scan of every built file
 * that fails on any host outside a short allow-list.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { cspSourceOf, DEFAULT_MAP_TILE_URL } from '../../src/lib/security/content-security-policy.ts';
import { launchBrowser, openHermeticPage } from '../support/browser.ts';
import { filesUnder, mapLimit, sitemapPaths } from '../support/site-crawl.ts';

const baseUrl = inject('baseUrl');
const outDir = inject('outDir');
const tileHost = new URL((cspSourceOf(process.env.PUBLIC_MAP_TILE_URL ?? DEFAULT_MAP_TILE_URL) as string).replace('*.', 'a.')).host.replace(/^a\./, '');
let paths: string[];
let browser: Browser;

beforeAll(async () => {
  paths = await sitemapPaths(baseUrl);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const isTile = (url: string): boolean => new URL(url).host.endsWith(tileHost);

describe('in Chromium, on every page of the sitemap', () => {
  it('no cookie is set, and no other host is contacted except map tiles on a page with a map', { timeout: 600_000 }, async () => {
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
          if (!isTile(url)) found.push(`requête vers ${new URL(url).host}`);
          else if (!hasMap) found.push(`tuile demandée sans carte affichée : ${url}`);
        }
        if ((await page.evaluate(() => document.cookie)) !== '') found.push('document.cookie non vide');
        if ((await context.cookies()).length > 0) found.push(`cookies : ${(await context.cookies()).map((c) => c.name).join(', ')}`);
        const storage = await page.evaluate(() => ({ local: localStorage.length, session: sessionStorage.length }));
        if (storage.local > 0) found.push(`${storage.local} entrée(s) dans localStorage`);
      } finally {
        await context.close();
      }
      return [...new Set(found)].map((problem) => `${path} : ${problem}`);
    });
    expect(problems.flat()).toEqual([]);
  });
});

describe('every built file', () => {
  // Hosts that may appear in scripts and styles: XML and JSON Schema namespaces (identifiers, never
  // fetched), React's error-message links, Leaflet's and OpenStreetMap's credits, the tiles, and
  // github.com in the package metadata the Meilisearch client bundles (a string, never fetched).
  const ALLOWED_IN_CODE = ['www.w3.org', 'json-schema.org', 'react.dev', 'leafletjs.com', 'www.openstreetmap.org', 'openstreetmap.org', 'github.com', tileHost];
  const site = new URL(process.env.SITE_URL ?? 'http://localhost:4321');

  it('loads nothing from another host: pages, scripts and styles', () => {
    const files = filesUnder(`${outDir}/client`);
    const problems: string[] = [];
    for (const file of files) {
      const name = relative(`${outDir}/client`, file);
      if (/\.(js|mjs|css)$/.test(file)) {
        const hosts = new Set([...readFileSync(file, 'utf8').matchAll(/https?:\/\/([a-z0-9.-]+\.[a-z]{2,})/gi)].map((m) => (m[1] as string).toLowerCase()));
        for (const host of hosts) if (!ALLOWED_IN_CODE.some((allowed) => host === allowed || host.endsWith(`.${allowed}`))) problems.push(`${name} : ${host}`);
        if (/\.css$/.test(file) && /url\(\s*['"]?(https?:)?\/\//i.test(readFileSync(file, 'utf8'))) problems.push(`${name} : url() vers un autre site`);
      }
      if (file.endsWith('.html')) {
        const html = readFileSync(file, 'utf8');
        // Attributes that make the browser fetch something by themselves.
        for (const match of html.matchAll(/<(script|img|iframe|source|video|audio|embed|object|form|link)\b[^>]*?\s(src|srcset|action|data|poster|href)="([^"]+)"/gi)) {
          const [tag, attribute, value] = [match[1] as string, match[2] as string, match[3] as string];
          if (tag.toLowerCase() === 'link' && /rel="(canonical|alternate)"/i.test(match[0])) {
            if (new URL(value, site).origin !== site.origin) problems.push(`${name} : <link ${attribute}> vers ${value}`);
            continue;
          }
          if (/^(https?:)?\/\//i.test(value)) problems.push(`${name} : <${tag} ${attribute}="${value}">`);
        }
      }
    }
    expect(files.length).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });

  it('contains no known tracker or analytics snippet', () => {
    const TRACKERS = /google-analytics\.com|googletagmanager\.com|\bgtag\(|matomo\.(js|php)|piwik\.(js|php)|plausible\.io|hotjar\.com|connect\.facebook\.net|\bfbq\(|doubleclick\.net|cdn\.segment\.com|clarity\.ms|xiti\.com|at-internet/;
    const found = filesUnder(`${outDir}/client`)
      .filter((file) => /\.(html|js|mjs|css)$/.test(file))
      .filter((file) => TRACKERS.test(readFileSync(file, 'utf8')))
      .map((file) => relative(outDir, file));
    expect(found).toEqual([]);
  });
});
