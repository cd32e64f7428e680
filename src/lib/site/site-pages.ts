/**
 * The public pages of Passerelle, for the XML sitemap (and anything else that must list them): every
 * page without parameters, kinds of service, territories, services and information pages. A page is
 * listed only when a route file serves it, so the sitemap never announces a page that does not exist,
 * and a new page file appears in it without anyone editing a list.
 */
import type { Service } from '../content/service-schema.ts';
import { servicePath, kindPath } from '../services/service-paths.ts';
import { SERVICE_KINDS } from '../services/service-vocabulary.ts';
import { departementPath, regionPath } from '../territories/departement-naming.ts';
import type { Departement, Region } from '../territories/territory-data.ts';

/** The pages a visitor meets first, listed first; every other page without parameters follows. */
export const FIXED_PAGE_PATHS = ['/', '/recherche/', '/carte/', '/services/', '/orienter/', '/numeros-utiles/'] as const;

/**
 * Pages served but kept out of the sitemap: they carry <meta name="robots" content="noindex">, or,
 * without the parameters or the form sending that give them a subject, only redirect (303).
 */
export const SITEMAP_EXCLUDED_PATHS: readonly string[] = [
  // The content report for the federations: a working document, not a page to find in a search engine.
  '/federations/rapport/',
  // The search without JavaScript (needs ?lieu= or ?dep=) and the answer to a referral sent without it.
  '/recherche/lieu/',
  '/orienter/resultat/',
  // The answer to a contribution and the page of a confirmation link: reached from a form or a message only.
  '/contribuer/merci/',
  '/contribuer/confirmer/',
];

export interface SitePage {
  /** Path with its trailing slash. */
  path: string;
  /** Date of the last check of the page's data (AAAA-MM-JJ), when known. */
  lastModified?: string;
}

export interface SitePagesInput {
  services: readonly Pick<Service, 'id' | 'lastChecked'>[];
  departements: readonly Pick<Departement, 'code' | 'slug'>[];
  regions: readonly Pick<Region, 'slug'>[];
  /** Ids (slugs) of the editorial pages, served under /informations/. */
  informationPageIds: readonly string[];
  /** Route files of src/pages, relative to it (e.g. "annuaire/[id].astro"), to keep only served paths. */
  routeFiles: readonly string[];
}

/** The path of a page file without parameters ("mentions-legales.astro" → /mentions-legales/), else undefined. */
export function staticRoutePathOf(routeFile: string): string | undefined {
  if (routeFile.includes('[') || !routePatternOf(routeFile)) return undefined;
  const segments = routeFile
    .replace(/^\.?\//, '')
    .replace(/\.(astro|md|mdx|html)$/, '')
    .split('/');
  if (segments.at(-1) === 'index') segments.pop();
  return segments.length ? `/${segments.join('/')}/` : '/';
}

/**
 * Astro's route pattern for a page file: "departements/[slug].astro" → /departements/<one segment>/,
 * "informations/[...slug].astro" → /informations/<anything>/. Endpoints and error pages give undefined.
 */
export function routePatternOf(routeFile: string): RegExp | undefined {
  const file = routeFile.replace(/^\.?\//, '');
  if (!/\.(astro|md|mdx|html)$/.test(file)) return undefined;
  const segments = file.replace(/\.(astro|md|mdx|html)$/, '').split('/');
  if (segments.at(-1) === 'index') segments.pop();
  if (segments.length === 1 && /^(404|500)$/.test(segments[0] as string)) return undefined;
  if (segments.some((segment) => segment.startsWith('_'))) return undefined;
  const body = segments
    .map((segment) => {
      if (/^\[\.\.\.[^\]]+\]$/.test(segment)) return '(?:[^?#]+/)?';
      return `${segment
        .split(/(\[[^\]]+\])/)
        .map((part) => (/^\[[^\]]+\]$/.test(part) ? '[^/?#]+' : part.replace(/[.*+?^${}()|\\]/g, '\\$&')))
        .join('')}/`;
    })
    .join('');
  return new RegExp(`^/${body}$`);
}

/** Every public page a route file serves, without duplicates; service pages carry their last-checked date. */
export function listSitePages(input: SitePagesInput): SitePage[] {
  const patterns = input.routeFiles.flatMap((file) => routePatternOf(file) ?? []);
  const served = (path: string): boolean => patterns.some((pattern) => pattern.test(path));
  const candidates: SitePage[] = [
    ...FIXED_PAGE_PATHS.map((path) => ({ path })),
    ...input.routeFiles
      .flatMap((file) => staticRoutePathOf(file) ?? [])
      .sort()
      .map((path) => ({ path })),
    ...SERVICE_KINDS.map((kind) => ({ path: kindPath(kind) })),
    ...input.regions.map((region) => ({ path: regionPath(region) })),
    ...input.departements.map((departement) => ({ path: departementPath(departement) })),
    ...input.informationPageIds.map((id) => ({ path: `/informations/${id}/` })),
    ...input.services.map((service) => ({ path: servicePath(service.id), lastModified: service.lastChecked })),
  ];
  const seen = new Set<string>();
  return candidates.filter((page) => {
    if (seen.has(page.path) || !served(page.path) || SITEMAP_EXCLUDED_PATHS.includes(page.path)) return false;
    seen.add(page.path);
    return true;
  });
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** The sitemap protocol's XML for these pages, absolute URLs on `site`. */
export function renderSitemapXml(pages: readonly SitePage[], site: URL | string): string {
  const urls = pages.map((page) => {
    const loc = `    <loc>${escapeXml(new URL(page.path, site).href)}</loc>`;
    const lastmod = page.lastModified ? `\n    <lastmod>${escapeXml(page.lastModified)}</lastmod>` : '';
    return `  <url>\n${loc}${lastmod}\n  </url>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`;
}

/** robots.txt: everything may be crawled except the API; the sitemap's address. */
export function renderRobotsTxt(site: URL | string): string {
  return `User-agent: *\nDisallow: /api/\nAllow: /\n\nSitemap: ${new URL('/sitemap.xml', site).href}\n`;
}

/**
 * The static paths of a route that serves one page per item at the item's own path ("/regions/[region]/"
 * at regionPath): the route's parameter is that path's second segment ("bretagne"), the item its prop.
 */
export function staticPathsAt<T, K extends string>(
  items: readonly T[],
  key: K,
  pathOf: (item: T) => string,
): { params: Record<K, string>; props: Record<K, T> }[] {
  return items.map((item) => ({
    params: { [key]: pathOf(item).split('/')[2] ?? '' } as Record<K, string>,
    props: { [key]: item } as Record<K, T>,
  }));
}
