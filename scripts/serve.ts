/**
 * npm run serve: serves the built site on http://localhost:4321 as a static host and a function
 * would, from well-kept parts: the built files by `send`, in the brotli or gzip form written at build
 * time (static-files.ts, precompress.ts); the pages and the API rendered on demand by the Node
 * adapter's handler. Every response carries the security headers of the built `_headers` file (the
 * same file static hosts read), and src/middleware.ts keeps cookies out of the on-demand ones.
 *
 * Only GET, HEAD and POST reach the site: TRACE, PUT, DELETE and the like get 405 with `Allow`, as
 * does a POST to a static file.
 *
 * package.json starts it with `--max-semi-space-size=16` (MB; V8 lets the young generation's
 * semi-spaces grow up to 64 MB when memory allows): each request leaves objects that live until a
 * full collection (the Node adapter's Request and its abort signal), and a smaller young generation
 * collects them in pauses of about 10 ms instead of 30 to 40, for the same total time (measured
 * under the referral benchmark's load).
 *
 * Behind a reverse proxy, TRUST_PROXY=1 makes the client's address the one the proxy reports (the
 * rightmost X-Forwarded-For entry) and its protocol X-Forwarded-Proto's, for the rate limits and
 * Astro's origin check, through Astro's own reading of those headers (security.allowedDomains);
 * off by default, when they are removed before Astro sees them, since a client could forge both.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { headersForPath, parseHeadersFile, type HeaderRule } from '../src/lib/security/security-headers.ts';
import { forwardedClientAddress, forwardedProtocol, parseTrustProxy } from '../src/server/client-address.ts';
import { OUTBOX_DEFAULT_DIR, startOutboxRetention } from '../src/server/mail-outbox.ts';
import { HEADERS_FILE } from './lib/security-headers-integration.ts';
import { createStaticFiles, PRIVATE_FILES, sitePath } from './lib/static-files.ts';

/** The methods the site answers at all (GET and HEAD everywhere, POST on the routes rendered on demand). */
const SITE_METHODS = ['GET', 'HEAD', 'POST'];

process.env.ASTRO_NODE_AUTOSTART = 'disabled';
const outDir = resolve(process.env.PASSERELLE_OUT_DIR ?? 'dist');
const clientDir = join(outDir, 'client');
const headersFile = join(clientDir, HEADERS_FILE);
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

/** The forwarding headers Astro reads (astro.config.mjs trusts them from any host on this target: this server decides). */
const FORWARDING_HEADERS = ['x-forwarded-for', 'x-forwarded-proto', 'x-forwarded-host', 'x-forwarded-port'];

/**
 * The request's forwarding headers as Astro should read them: behind a trusted proxy, one client
 * address (the rightmost X-Forwarded-For entry, the one the proxy added) and the proxy's protocol for
 * this very host; otherwise none at all, so that a client cannot forge its address or protocol.
 */
function forwardingOnlyFromProxy(req: IncomingMessage): void {
  const address = trustProxy ? forwardedClientAddress(req.headers['x-forwarded-for']) : undefined;
  const protocol = trustProxy ? forwardedProtocol(req.headers['x-forwarded-proto']) : undefined;
  for (const name of FORWARDING_HEADERS) delete req.headers[name];
  if (address) req.headers['x-forwarded-for'] = address;
  if (protocol && req.headers.host) {
    req.headers['x-forwarded-proto'] = protocol;
    req.headers['x-forwarded-host'] = req.headers.host;
  }
}

// The outbox keeps messages 14 days: purged now and hourly, not only when a new message is written.
startOutboxRetention(process.env.OUTBOX_DIR || OUTBOX_DEFAULT_DIR);

const staticFiles = createStaticFiles(clientDir);
const notFoundPage = existsSync(join(clientDir, '404.html')) ? readFileSync(join(clientDir, '404.html')) : Buffer.from('Introuvable');

const port = Number(process.env.PORT ?? 4321);
const host = process.env.HOST ?? 'localhost';
createServer((req, res) => {
  const path = sitePath(req.url);
  if (path === undefined) {
    res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Requête invalide');
    return;
  }
  for (const [name, value] of headersForPath(rules, path).values()) res.setHeader(name, value);
  // Node's fetch Request refuses TRACE and CONNECT outright: never let one reach the adapter.
  if (!SITE_METHODS.includes(req.method ?? '')) {
    res.writeHead(405, { Allow: SITE_METHODS.join(', '), 'Content-Type': 'text/plain; charset=utf-8' }).end('Méthode non autorisée');
    return;
  }
  // Static hosts keep _headers to themselves, under any spelling of its path; so does this server.
  if (PRIVATE_FILES.has(path)) {
    res.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8' }).end(req.method === 'HEAD' ? undefined : notFoundPage);
    return;
  }
  if (staticFiles.serve(req, res, path)) return;
  forwardingOnlyFromProxy(req);
  // The adapter would read "//host/…" as another host (and redirect there): one leading slash only.
  if (req.url?.startsWith('//')) req.url = req.url.replace(/^\/+/, '/');
  // The referral endpoint's documented address has no trailing slash: spare clients the redirect (a 301 turns a POST into a GET).
  if (req.url === '/api/orientation' || req.url?.startsWith('/api/orientation?'))
    req.url = req.url.replace('/api/orientation', '/api/orientation/');
  handler(req, res);
}).listen(port, host, () => {
  console.log(`Passerelle est servi sur http://${host}:${port}/${trustProxy ? ' (derrière un proxy inverse : TRUST_PROXY=1)' : ''}`);
});
