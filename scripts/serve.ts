/**
 * npm run serve: serves the built site (static pages and on-demand routes) on http://localhost:4321,
 * through the Node adapter's handler, with the security headers of the built `_headers` file (the
 * same file static hosts read) on every response, and its text files gzip-compressed as static hosts
 * send them (compressed-static.ts). Passerelle never sets a cookie: a Set-Cookie
 * header, whoever adds it, is dropped and reported.
 *
 * package.json starts it with `--max-semi-space-size=16` (MB; V8 lets the young generation's
 * semi-spaces grow to 64 MB on these 24 GB machines): each request leaves objects that live until a
 * full collection (the Node adapter's Request and its abort signal), and a smaller young generation
 * collects them in pauses of about 10 ms instead of 30 to 40, for the same total time (measured
 * under the referral benchmark's load).
 *
 * Behind a reverse proxy, TRUST_PROXY=1 makes the client's address the one the proxy reports (the
 * rightmost X-Forwarded-For entry) and its protocol X-Forwarded-Proto's, for the rate limits and
 * Astro's origin check; off by default, since a client could otherwise forge both.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type OutgoingHttpHeader, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { withHeaderOnlyDirectives } from '../src/lib/security/content-security-policy.ts';
import { headersForPath, parseHeadersFile, type HeaderRule } from '../src/lib/security/security-headers.ts';
import { forwardedClientAddress, forwardedProtocol, parseTrustProxy } from '../src/server/client-address.ts';
import { OUTBOX_DEFAULT_DIR, startOutboxRetention } from '../src/server/mail-outbox.ts';
import { createCompressedStatic } from './lib/compressed-static.ts';
import { HEADERS_FILE } from './lib/security-headers-integration.ts';

process.env.ASTRO_NODE_AUTOSTART = 'disabled';
const outDir = resolve(process.env.PASSERELLE_OUT_DIR ?? 'dist');
const headersFile = join(outDir, 'client', HEADERS_FILE);
if (!existsSync(headersFile)) {
  console.error(`${headersFile} est introuvable : reconstruisez le site (npm run build) avant de le servir.`);
  process.exit(1);
}
const rules: HeaderRule[] = parseHeadersFile(readFileSync(headersFile, 'utf8'));
let trustProxy: boolean;
try {
  trustProxy = parseTrustProxy(process.env.TRUST_PROXY);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

const { handler } = (await import(pathToFileURL(resolve(outDir, 'server/entry.mjs')).href)) as {
  handler: (req: IncomingMessage, res: ServerResponse) => void;
};

type Headers = OutgoingHttpHeaders | OutgoingHttpHeader[];

/**
 * The headers a handler passes to writeHead, as an object or a flat array, with Set-Cookie removed and
 * frame-ancestors added to a CSP of its own (Astro sends one with the pages rendered on demand).
 */
function sanitized(headers: Headers, onCookie: () => undefined): Headers {
  const fix = (name: string, value: OutgoingHttpHeader): OutgoingHttpHeader | undefined => {
    const lower = name.toLowerCase();
    if (lower === 'set-cookie') return onCookie();
    if (lower === 'content-security-policy') return withHeaderOnlyDirectives(String(value));
    return value;
  };
  if (Array.isArray(headers)) {
    const kept: OutgoingHttpHeader[] = [];
    for (let i = 0; i < headers.length; i += 2) {
      const value = fix(String(headers[i]), headers[i + 1] as OutgoingHttpHeader);
      if (value !== undefined) kept.push(headers[i] as OutgoingHttpHeader, value);
    }
    return kept;
  }
  const kept: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    const fixed = value === undefined ? undefined : fix(name, value);
    if (fixed !== undefined) kept[name] = fixed;
  }
  return kept;
}

/** Sets the site's headers and makes the response refuse cookies. */
function secure(res: ServerResponse, path: string): void {
  for (const [name, value] of headersForPath(rules, path).values()) res.setHeader(name, value);
  const refuseCookie = (): undefined => {
    console.error(`Cookie refusé sur ${path} : Passerelle ne dépose aucun cookie.`);
    return undefined;
  };
  const setHeader = res.setHeader.bind(res);
  res.setHeader = (name, value) => {
    const fixed = sanitized({ [name]: value as OutgoingHttpHeader }, refuseCookie) as OutgoingHttpHeaders;
    return name in fixed ? setHeader(name, fixed[name] as OutgoingHttpHeader) : res;
  };
  const appendHeader = res.appendHeader.bind(res);
  res.appendHeader = (name, value) => (name.toLowerCase() === 'set-cookie' ? (refuseCookie(), res) : appendHeader(name, value));
  const writeHead = res.writeHead.bind(res) as (status: number, ...rest: unknown[]) => ServerResponse;
  res.writeHead = ((status: number, ...rest: unknown[]) => {
    const last = rest.at(-1);
    if (last && typeof last === 'object') rest[rest.length - 1] = sanitized(last as Headers, refuseCookie);
    return writeHead(status, ...rest);
  }) as ServerResponse['writeHead'];
}

/**
 * What the Node adapter reads from the socket (the client's address, whether it is encrypted), taken
 * from the proxy's headers for this request only: a view over the socket, never the socket changed.
 */
function seenThroughProxy(req: IncomingMessage): void {
  const address = forwardedClientAddress(req.headers['x-forwarded-for']);
  const protocol = forwardedProtocol(req.headers['x-forwarded-proto']);
  if (!address && !protocol) return;
  const socket = req.socket;
  req.socket = new Proxy(socket, {
    get(target, property) {
      if (property === 'remoteAddress' && address) return address;
      if (property === 'encrypted' && protocol) return protocol === 'https';
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
    has: (target, property) => (property === 'encrypted' && protocol ? protocol === 'https' : Reflect.has(target, property)),
  });
}

// The outbox keeps messages 14 days: purged now and hourly, not only when a new message is written.
startOutboxRetention(process.env.OUTBOX_DIR || OUTBOX_DEFAULT_DIR);

const compressedStatic = createCompressedStatic(join(outDir, 'client'));

/** Answers a GET or HEAD for a built text file with its gzip form, when the client takes it; false otherwise. */
function sendCompressed(req: IncomingMessage, res: ServerResponse, path: string): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const file = compressedStatic(path, req.headers['accept-encoding']);
  if (!file) return false;
  if (req.headers['if-none-match'] === file.headers.ETag) {
    res.writeHead(304, { ETag: file.headers.ETag as string, 'Cache-Control': file.headers['Cache-Control'] as string, Vary: 'Accept-Encoding' }).end();
    return true;
  }
  res.writeHead(200, file.headers);
  res.end(req.method === 'HEAD' ? undefined : file.body);
  return true;
}

const port = Number(process.env.PORT ?? 4321);
const host = process.env.HOST ?? 'localhost';
createServer((req, res) => {
  if (trustProxy) seenThroughProxy(req);
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  secure(res, path);
  // Static hosts keep _headers to themselves; so does this server.
  if (path === `/${HEADERS_FILE}`) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Introuvable');
    return;
  }
  if (sendCompressed(req, res, path)) return;
  // The referral endpoint's documented address has no trailing slash: spare clients the redirect (a 301 turns a POST into a GET).
  if (req.url === '/api/orientation' || req.url?.startsWith('/api/orientation?')) req.url = req.url.replace('/api/orientation', '/api/orientation/');
  handler(req, res);
}).listen(port, host, () => {
  console.log(`Passerelle est servi sur http://${host}:${port}/${trustProxy ? ' (derrière un proxy inverse : TRUST_PROXY=1)' : ''}`);
});
