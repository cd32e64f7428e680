import { describe, expect, it } from 'vitest';
import { listSitePages, renderRobotsTxt, renderSitemapXml, routePatternOf, staticRoutePathOf } from '../../src/lib/site/site-pages.ts';

describe('routePatternOf', () => {
  it('turns page files into the paths Astro serves', () => {
    expect(routePatternOf('index.astro')?.test('/')).toBe(true);
    expect(routePatternOf('numeros-utiles.astro')?.test('/numeros-utiles/')).toBe(true);
    expect(routePatternOf('services/index.astro')?.test('/services/')).toBe(true);
    const departement = routePatternOf('departements/[slug].astro') as RegExp;
    expect(departement.test('/departements/62-pas-de-calais/')).toBe(true);
    expect(departement.test('/departements/')).toBe(false);
    expect(departement.test('/departements/62/autre/')).toBe(false);
    const rest = routePatternOf('informations/[...slug].astro') as RegExp;
    expect(rest.test('/informations/')).toBe(true);
    expect(rest.test('/informations/a/b/')).toBe(true);
    expect(routePatternOf('annuaire/[id]/index.astro')?.test('/annuaire/maison-des-parents/')).toBe(true);
    expect(routePatternOf('services/[kind]-[dep].astro')?.test('/services/espace-rencontre-62/')).toBe(true);
  });

  it('gives the path of a page without parameters', () => {
    expect(staticRoutePathOf('index.astro')).toBe('/');
    expect(staticRoutePathOf('donnees/index.astro')).toBe('/donnees/');
    expect(staticRoutePathOf('plan-du-site.astro')).toBe('/plan-du-site/');
    expect(staticRoutePathOf('annuaire/[id].astro')).toBeUndefined();
    expect(staticRoutePathOf('404.astro')).toBeUndefined();
  });

  it('ignores endpoints, error pages and private files', () => {
    expect(routePatternOf('sitemap.xml.ts')).toBeUndefined();
    expect(routePatternOf('404.astro')).toBeUndefined();
    expect(routePatternOf('_parts/card.astro')).toBeUndefined();
  });
});

describe('listSitePages', () => {
  const input = {
    services: [
      { id: 'b-service', lastChecked: '2026-10-01' },
      { id: 'a-service', lastChecked: '2026-11-23' },
    ],
    departements: [{ code: '2A', slug: 'corse-du-sud' }],
    regions: [{ slug: 'corse' }],
    informationPageIds: ['mediation-familiale-en-pratique'],
  };

  it('lists only pages whose route exists', () => {
    const paths = listSitePages({ ...input, routeFiles: ['index.astro', 'annuaire/[id].astro', '404.astro'] }).map((p) => p.path);
    expect(paths).toEqual(['/', '/annuaire/b-service/', '/annuaire/a-service/']);
  });

  it('lists every page file without parameters, the first pages a visitor meets first', () => {
    const paths = listSitePages({
      ...input,
      routeFiles: ['mentions-legales.astro', 'recherche/index.astro', 'index.astro', 'a-propos.md'],
    }).map((p) => p.path);
    expect(paths).toEqual(['/', '/recherche/', '/a-propos/', '/mentions-legales/']);
  });

  it('leaves out the pages that only redirect or are not to be indexed', () => {
    const paths = listSitePages({
      ...input,
      routeFiles: ['index.astro', 'recherche/lieu.astro', 'orienter/resultat.astro', 'federations/rapport.astro'],
    }).map((p) => p.path);
    expect(paths).toEqual(['/']);
  });

  it('lists territories, kinds and information pages with their own paths, services with their date', () => {
    const pages = listSitePages({
      ...input,
      routeFiles: [
        'index.astro',
        'services/[kind].astro',
        'departements/[slug].astro',
        'regions/[slug].astro',
        'informations/[slug].astro',
        'annuaire/[id].astro',
      ],
    });
    const paths = pages.map((p) => p.path);
    expect(paths).toContain('/departements/2a-corse-du-sud/');
    expect(paths).toContain('/regions/corse/');
    expect(paths).toContain('/services/espace-rencontre/');
    expect(paths).toContain('/informations/mediation-familiale-en-pratique/');
    expect(pages.find((p) => p.path === '/annuaire/a-service/')?.lastModified).toBe('2026-11-23');
    expect(new Set(paths).size).toBe(paths.length);
  });
});

describe('renderSitemapXml and renderRobotsTxt', () => {
  it('writes absolute, escaped URLs with their lastmod', () => {
    const xml = renderSitemapXml([{ path: '/' }, { path: '/annuaire/a&b/', lastModified: '2026-11-23' }], 'https://passerelle.example.fr');
    expect(xml).toContain('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
    expect(xml).toContain('<loc>https://passerelle.example.fr/</loc>');
    expect(xml).toContain('<loc>https://passerelle.example.fr/annuaire/a&amp;b/</loc>\n    <lastmod>2026-11-23</lastmod>');
    expect(xml.match(/<url>/g)).toHaveLength(2);
  });

  it('points robots to the sitemap and keeps crawlers out of the API', () => {
    const robots = renderRobotsTxt('https://passerelle.example.fr/');
    expect(robots).toContain('Sitemap: https://passerelle.example.fr/sitemap.xml');
    expect(robots).toContain('Disallow: /api/');
  });
});
