/**
 * Privacy in the built files: a scan of every built file that fails on any host outside a short
 * allow-list, no tracker, and the confidentialité page naming exactly the other hosts that the pages'
 * policy lets the browser reach. What a browser does on each page (no cookie, no storage, no request
 * to another host except map tiles): page-sweep.test.ts.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { cspDirectiveSources, metaCspOf } from '../../src/lib/security/content-security-policy.ts';
import { externalHosts } from '../../src/lib/site/external-hosts.ts';
import { filesUnder, foreignLoadsInHtml, hostsNamedOnPrivacyPage, TILE_HOST } from '../support/site-crawl.ts';

const baseUrl = inject('baseUrl');
const outDir = inject('outDir');

describe('the confidentialité page', () => {
  it('names exactly the other hosts that the pages’ security policy lets the browser reach', async () => {
    const { named, html } = await hostsNamedOnPrivacyPage(baseUrl);
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
    TILE_HOST,
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
