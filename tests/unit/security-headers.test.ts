import { describe, expect, it } from 'vitest';
import {
  cspDirectiveSources,
  cspSourceOf,
  headerCsp,
  metaCspOf,
  pageCspDirectives,
  parseCsp,
  withHeaderOnlyDirectives,
} from '../../src/lib/security/content-security-policy.ts';
import {
  headerPatternMatches,
  headersForPath,
  parseHeadersFile,
  renderHeadersFile,
  securityHeaders,
  siteHeaderRules,
} from '../../src/lib/security/security-headers.ts';

describe('cspSourceOf', () => {
  it('keeps the origin of a tile template and turns {s} into a wildcard', () => {
    expect(cspSourceOf('https://tile.openstreetmap.org/{z}/{x}/{y}.png')).toBe('https://tile.openstreetmap.org');
    expect(cspSourceOf('https://{s}.tile.example.org/{z}/{x}/{y}.png')).toBe('https://*.tile.example.org');
    expect(cspSourceOf('http://localhost:7700')).toBe('http://localhost:7700');
  });

  it('refuses what is not an absolute http(s) URL', () => {
    expect(cspSourceOf(undefined)).toBeUndefined();
    expect(cspSourceOf('/tiles/{z}/{x}/{y}.png')).toBeUndefined();
    expect(cspSourceOf("https://evil.test'; script-src *")).toBeUndefined();
    expect(cspSourceOf('javascript:alert(1)')).toBeUndefined();
  });
});

describe('pageCspDirectives', () => {
  it('allows OSM tiles by default and the configured hosts otherwise', () => {
    const byDefault = pageCspDirectives().join('; ');
    expect(cspDirectiveSources(byDefault, 'img-src')).toEqual(["'self'", 'data:', 'https://tile.openstreetmap.org']);
    expect(cspDirectiveSources(byDefault, 'connect-src')).toEqual(["'self'"]);
    const configured = pageCspDirectives({
      mapTileUrl: 'https://tuiles.exemple.fr/{z}/{x}/{y}.png',
      searchUrl: 'https://recherche.exemple.fr/',
    }).join('; ');
    expect(cspDirectiveSources(configured, 'img-src')).toContain('https://tuiles.exemple.fr');
    expect(cspDirectiveSources(configured, 'img-src')).not.toContain('https://tile.openstreetmap.org');
    expect(cspDirectiveSources(configured, 'connect-src')).toEqual(["'self'", 'https://recherche.exemple.fr']);
  });

  it('carries no directive a <meta> policy would ignore, and leaves scripts to Astro', () => {
    const names = pageCspDirectives().map((d) => d.split(' ')[0]);
    expect(names).not.toContain('frame-ancestors');
    expect(names).not.toContain('report-uri');
    expect(names).not.toContain('sandbox');
    expect(names).not.toContain('script-src');
    expect(names).toContain('default-src');
    expect(names).toContain('object-src');
  });
});

describe('metaCspOf and headerCsp', () => {
  const html = `<head><meta charset="utf-8"><meta http-equiv="content-security-policy" content="default-src 'self';img-src 'self' data:; script-src 'self' 'sha256-abc='; style-src 'self' 'sha256-def='"></head>`;

  it('reads the policy of the CSP meta element, entities decoded', () => {
    expect(metaCspOf(html)).toBe(
      "default-src 'self';img-src 'self' data:; script-src 'self' 'sha256-abc='; style-src 'self' 'sha256-def='",
    );
    expect(metaCspOf(`<meta http-equiv="Content-Security-Policy" content="script-src &#39;self&#39;">`)).toBe("script-src 'self'");
    expect(metaCspOf('<meta name="description" content="x">')).toBeUndefined();
  });

  it('keeps every page directive and hash, and adds frame-ancestors', () => {
    const policy = headerCsp(metaCspOf(html) as string);
    expect(cspDirectiveSources(policy, 'script-src')).toEqual(["'self'", "'sha256-abc='"]);
    expect(cspDirectiveSources(policy, 'style-src')).toEqual(["'self'", "'sha256-def='"]);
    expect(cspDirectiveSources(policy, 'frame-ancestors')).toEqual(["'none'"]);
    expect(parseCsp(policy).map(([name]) => name)).toEqual(['default-src', 'img-src', 'script-src', 'style-src', 'frame-ancestors']);
  });

  it('adds frame-ancestors to a policy Astro sends itself, once', () => {
    const policy = withHeaderOnlyDirectives("default-src 'self';script-src 'self' 'sha256-x='; frame-ancestors *");
    expect(parseCsp(policy)).toEqual([
      ['default-src', "'self'"],
      ['script-src', "'self' 'sha256-x='"],
      ['frame-ancestors', "'none'"],
    ]);
  });

  it('refuses a policy that lets inline scripts run, or has no script-src', () => {
    expect(() => headerCsp("script-src 'self' 'unsafe-inline'")).toThrow(/unsafe-inline/);
    expect(() => headerCsp("default-src 'self'")).toThrow(/script-src/);
  });
});

describe('_headers file', () => {
  const rules = siteHeaderRules({ contentSecurityPolicy: "default-src 'self'; frame-ancestors 'none'", https: false });

  it('round-trips through its text form, comments ignored', () => {
    const text = renderHeadersFile(rules, 'Généré.\nNe pas modifier.');
    expect(text.startsWith('# Généré.\n# Ne pas modifier.\n/*\n  Content-Security-Policy: ')).toBe(true);
    expect(parseHeadersFile(text)).toEqual(rules);
  });

  it('matches splat patterns the way static hosts do', () => {
    expect(headerPatternMatches('/*', '/')).toBe(true);
    expect(headerPatternMatches('/*', '/annuaire/x/')).toBe(true);
    expect(headerPatternMatches('/_astro/*', '/_astro/client.js')).toBe(true);
    expect(headerPatternMatches('/_astro/*', '/annuaire/_astro/')).toBe(false);
    expect(headerPatternMatches('/a.b', '/axb')).toBe(false);
  });

  it('gives security headers to every path and long caching to hashed assets only', () => {
    const page = headersForPath(rules, '/departements/62-pas-de-calais/');
    expect(page.get('referrer-policy')).toEqual(['Referrer-Policy', 'no-referrer']);
    expect(page.get('permissions-policy')?.[1]).toMatch(/^geolocation=\(self\)/);
    expect(page.has('cache-control')).toBe(false);
    const asset = headersForPath(rules, '/_astro/index.css');
    expect(asset.get('cache-control')?.[1]).toContain('immutable');
    expect(asset.get('x-content-type-options')?.[1]).toBe('nosniff');
  });

  it('gives the web editor, and only it, a policy that lets it evaluate code', () => {
    const admin = headersForPath(rules, '/admin/index.html');
    expect(admin.get('content-security-policy')?.[1]).toContain("'unsafe-eval'");
    expect(admin.get('content-security-policy')?.[1]).toContain("frame-ancestors 'none'");
    expect(admin.get('referrer-policy')?.[1]).toBe('no-referrer');
    expect(headersForPath(rules, '/orienter/').get('content-security-policy')?.[1]).not.toContain('unsafe-eval');
  });

  it('reports an unreadable line instead of ignoring it', () => {
    expect(() => parseHeadersFile('  X-Orphan: 1\n')).toThrow(/illisible/);
    expect(() => parseHeadersFile('/*\n  pas un en-tête\n')).toThrow(/illisible/);
  });

  it('adds Strict-Transport-Security only over HTTPS', () => {
    const names = (https: boolean) => securityHeaders({ contentSecurityPolicy: "default-src 'self'", https }).map(([name]) => name);
    expect(names(false)).not.toContain('Strict-Transport-Security');
    expect(names(true)).toContain('Strict-Transport-Security');
  });
});
