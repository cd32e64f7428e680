/**
 * Passerelle's Content-Security-Policy, in one place: the directives Astro writes into each page's
 * <meta http-equiv="content-security-policy"> (with the hashes of its own inline scripts and styles),
 * and the HTTP header that adds what a <meta> policy cannot carry (frame-ancestors).
 */

/** Where map tiles come from when PUBLIC_MAP_TILE_URL is not set (OpenStreetMap's standard tiles). */
export const DEFAULT_MAP_TILE_URL = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';

export interface CspSources {
  /** The map's tile URL template, e.g. https://{s}.tile.example.org/{z}/{x}/{y}.png. */
  mapTileUrl?: string | undefined;
  /** The Meilisearch server the search island queries directly, when configured. */
  searchUrl?: string | undefined;
}

/**
 * The CSP source for a URL or a tile template: its origin, with a Leaflet `{s}` subdomain
 * placeholder turned into a wildcard (https://{s}.tile.example.org → https://*.tile.example.org).
 * Returns undefined for anything that is not an absolute http(s) URL.
 */
export function cspSourceOf(urlOrTemplate: string | undefined): string | undefined {
  if (!urlOrTemplate) return undefined;
  const match = /^(https?):\/\/([^/?#]+)/i.exec(urlOrTemplate.trim());
  if (!match) return undefined;
  const scheme = (match[1] as string).toLowerCase();
  const host = (match[2] as string).toLowerCase().replace(/^\{s\}\./, '*.');
  if (!/^(\*\.)?[a-z0-9.-]+(:\d+)?$/.test(host)) return undefined;
  return `${scheme}://${host}`;
}

/** A directive of the page policy (the names Astro's security.csp.directives accepts). */
export type PageCspDirective =
  `${'default-src' | 'img-src' | 'connect-src' | 'font-src' | 'object-src' | 'base-uri' | 'form-action' | 'manifest-src' | 'worker-src'} ${string}`;

/**
 * The directives every page carries besides script-src and style-src (which Astro fills with 'self'
 * and the hashes of what it inlines). Only directives a <meta> policy honours: frame-ancestors and
 * the reporting ones would be ignored there, with a console error.
 */
export function pageCspDirectives(sources: CspSources = {}): PageCspDirective[] {
  const tiles = cspSourceOf(sources.mapTileUrl ?? DEFAULT_MAP_TILE_URL);
  const search = cspSourceOf(sources.searchUrl);
  return [
    "default-src 'self'",
    // data: for the small SVG markers and icons that Leaflet and CSS may inline.
    `img-src 'self' data:${tiles ? ` ${tiles}` : ''}`,
    `connect-src 'self'${search ? ` ${search}` : ''}`,
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "manifest-src 'self'",
    "worker-src 'none'",
  ];
}

/** Directives that only an HTTP header can carry. */
export const HEADER_ONLY_DIRECTIVES = ["frame-ancestors 'none'"] as const;

/** Parses a policy string into [name, value] pairs, in order, names lowercased. */
export function parseCsp(policy: string): [string, string][] {
  return policy
    .split(';')
    .map((part) => part.trim().replace(/\s+/g, ' '))
    .filter(Boolean)
    .map((part) => {
      const space = part.indexOf(' ');
      return space === -1 ? [part.toLowerCase(), ''] : [part.slice(0, space).toLowerCase(), part.slice(space + 1)];
    });
}

/** The sources of one directive (e.g. the hashes of script-src), or undefined when absent. */
export function cspDirectiveSources(policy: string, name: string): string[] | undefined {
  const found = parseCsp(policy).find(([directive]) => directive === name);
  return found ? found[1].split(' ').filter(Boolean) : undefined;
}

/** The policy of a page's <meta http-equiv="content-security-policy">, or undefined. */
export function metaCspOf(html: string): string | undefined {
  const tag = /<meta\b[^>]*http-equiv=["']?content-security-policy["']?[^>]*>/i.exec(html)?.[0];
  if (!tag) return undefined;
  const content = /\bcontent=(?:"([^"]*)"|'([^']*)')/i.exec(tag);
  return content ? decodeEntities(content[1] ?? content[2] ?? '') : undefined;
}

function decodeEntities(text: string): string {
  return text
    .replace(/&#39;|&#x27;|&apos;/gi, "'")
    .replace(/&quot;/gi, '"')
    .replace(/&lt;/gi, '<')
    .replace(/&gt;/gi, '>')
    .replace(/&amp;/gi, '&');
}

/**
 * A policy with the header-only directives added (replacing any earlier value of theirs): for the
 * policies Astro sends itself as a header, on the pages rendered on demand.
 */
export function withHeaderOnlyDirectives(policy: string): string {
  const directives = parseCsp(policy).filter(([name]) => !HEADER_ONLY_DIRECTIVES.some((d) => d.startsWith(`${name} `)));
  return [...directives.map(([name, value]) => (value ? `${name} ${value}` : name)), ...HEADER_ONLY_DIRECTIVES].join('; ');
}

/**
 * The policy sent as an HTTP header: the page policy Astro built (same directives, same hashes), plus
 * the header-only directives. Refuses a policy that would let inline scripts run.
 */
export function headerCsp(pagePolicy: string): string {
  const scripts = cspDirectiveSources(pagePolicy, 'script-src');
  if (!scripts) throw new Error('La politique de sécurité du contenu doit contenir script-src.');
  if (scripts.some((source) => source === "'unsafe-inline'" || source === "'unsafe-eval'")) {
    throw new Error(`script-src ne doit autoriser ni 'unsafe-inline' ni 'unsafe-eval' : ${scripts.join(' ')}`);
  }
  return withHeaderOnlyDirectives(pagePolicy);
}
