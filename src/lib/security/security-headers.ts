/**
 * The HTTP headers Passerelle sends with every response, and the `_headers` file that carries the
 * same rules to static hosts (Netlify, Cloudflare Pages and compatible). scripts/serve.ts applies
 * that very file, so the Node server and a static host send the same headers.
 */

/** One block of a `_headers` file: a path pattern (`/*`, `/_astro/*`) and its headers. */
export interface HeaderRule {
  pattern: string;
  headers: [string, string][];
}

export interface SecurityHeaderOptions {
  /** The HTTP Content-Security-Policy (see headerCsp). */
  contentSecurityPolicy: string;
  /** True when the site is served over HTTPS: adds Strict-Transport-Security. */
  https: boolean;
}

/**
 * Geolocation only for the site itself (the search page's « autour de moi »); every other powerful
 * feature off. Only features Chromium knows, so that no console error is logged.
 */
export const PERMISSIONS_POLICY =
  'geolocation=(self), camera=(), microphone=(), payment=(), usb=(), magnetometer=(), gyroscope=(), accelerometer=()';

/** The security headers of every response. */
export function securityHeaders(options: SecurityHeaderOptions): [string, string][] {
  return [
    ['Content-Security-Policy', options.contentSecurityPolicy],
    ['Referrer-Policy', 'no-referrer'],
    ['Permissions-Policy', PERMISSIONS_POLICY],
    ['X-Content-Type-Options', 'nosniff'],
    // For browsers that predate frame-ancestors.
    ['X-Frame-Options', 'DENY'],
    ['Cross-Origin-Opener-Policy', 'same-origin'],
    ['Cross-Origin-Resource-Policy', 'same-origin'],
    ...(options.https ? ([['Strict-Transport-Security', 'max-age=31536000']] as [string, string][]) : []),
  ];
}

/**
 * Where Decap's local server (`npx decap-server`) listens. The editor only tries it when the page
 * itself is on localhost (`local_backend`), so allowing it costs nothing on the public site.
 */
export const DECAP_LOCAL_SERVER_ORIGIN = 'http://localhost:8081';

/**
 * The web editor (Decap CMS, /admin/, built only when configured) evaluates code and injects styles:
 * it gets its own, looser policy, confined to /admin/, and talks to the git forge's API over https,
 * or to Decap's local server when tried offline.
 */
export const ADMIN_CONTENT_SECURITY_POLICY = `default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob: https:; connect-src 'self' https: ${DECAP_LOCAL_SERVER_ORIGIN}; frame-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'`;

/** The rules for a built site: security headers everywhere, long caching for hashed assets, the editor's policy. */
export function siteHeaderRules(options: SecurityHeaderOptions): HeaderRule[] {
  return [
    { pattern: '/*', headers: securityHeaders(options) },
    { pattern: '/_astro/*', headers: [['Cache-Control', 'public, max-age=31536000, immutable']] },
    { pattern: '/admin/*', headers: [['Content-Security-Policy', ADMIN_CONTENT_SECURITY_POLICY]] },
  ];
}

/** Writes rules in the `_headers` format: a path line, then indented `Name: value` lines. */
export function renderHeadersFile(rules: HeaderRule[], comment?: string): string {
  const head = comment
    ? `${comment
        .split('\n')
        .map((line) => `# ${line}`.trimEnd())
        .join('\n')}\n`
    : '';
  return (
    head +
    rules.map((rule) => `${rule.pattern}\n${rule.headers.map(([name, value]) => `  ${name}: ${value}`).join('\n')}`).join('\n\n') +
    '\n'
  );
}

/** Reads a `_headers` file (comments and blank lines ignored). */
export function parseHeadersFile(text: string): HeaderRule[] {
  const rules: HeaderRule[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trimEnd();
    if (!line.trim() || line.trimStart().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      rules.push({ pattern: line.trim(), headers: [] });
      continue;
    }
    const current = rules.at(-1);
    const colon = line.indexOf(':');
    if (!current || colon === -1) throw new Error(`Ligne de _headers illisible : « ${line.trim()} »`);
    current.headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  }
  return rules;
}

/**
 * A `_headers` pattern as a regular expression source anchored on the whole path: `*` matches any run
 * of characters, slashes included. Vercel's routes and Caddy's `path_regexp` take it as it is.
 */
export function headerPatternRegex(pattern: string): string {
  return `^${pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\/]/g, '\\$&'))
    .join('.*')}$`;
}

/** Whether a `_headers` pattern matches a path. */
export function headerPatternMatches(pattern: string, path: string): boolean {
  return new RegExp(headerPatternRegex(pattern)).test(path);
}

/** The headers for a path: every matching rule, in file order, a later value replacing an earlier one. */
export function headersForPath(rules: HeaderRule[], path: string): Map<string, [string, string]> {
  const result = new Map<string, [string, string]>();
  for (const rule of rules) {
    if (!headerPatternMatches(rule.pattern, path)) continue;
    for (const [name, value] of rule.headers) result.set(name.toLowerCase(), [name, value]);
  }
  return result;
}
