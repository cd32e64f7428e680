/**
 * npm run serve: serves the built site (static pages and on-demand routes) on http://localhost:4321,
 * through the Node adapter's handler, with the security headers of the built `_headers` file (the
 * same file static hosts read) on every response. Passerelle never sets a cookie: a Set-Cookie
 * header, whoever adds it, is dropped and reported.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type OutgoingHttpHeader, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { headersForPath, parseHeadersFile, type HeaderRule } from '../src/lib/security/security-headers.ts';
import { HEADERS_FILE } from './lib/security-headers-integration.ts';

process.env.ASTRO_NODE_AUTOSTART = 'disabled';
const outDir = resolve(process.env.PASSERELLE_OUT_DIR ?? 'dist');
const headersFile = join(outDir, 'client', HEADERS_FILE);
if (!existsSync(headersFile)) {
  console.error(`${headersFile} est introuvable : reconstruisez le site (npm run build) avant de le servir.`);
  process.exit(1);
}
const rules: HeaderRule[] = parseHeadersFile(readFileSync(headersFile, 'utf8'));

const { handler } = (await import(pathToFileURL(resolve(outDir, 'server/entry.mjs')).href)) as {
  handler: (req: IncomingMessage, res: ServerResponse) => void;
};

/** Removes any Set-Cookie from headers passed to writeHead, as an object or a flat array. */
function withoutCookies(headers: OutgoingHttpHeaders | OutgoingHttpHeader[] | undefined, onDrop: () => void): typeof headers {
  if (!headers) return headers;
  if (Array.isArray(headers)) {
    const kept: OutgoingHttpHeader[] = [];
    for (let i = 0; i < headers.length; i += 2) {
      if (String(headers[i]).toLowerCase() === 'set-cookie') onDrop();
      else kept.push(headers[i] as OutgoingHttpHeader, headers[i + 1] as OutgoingHttpHeader);
    }
    return kept;
  }
  const kept: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() === 'set-cookie') onDrop();
    else kept[name] = value;
  }
  return kept;
}

/** Sets the site's headers and makes the response refuse cookies. */
function secure(req: IncomingMessage, res: ServerResponse): void {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  for (const [name, value] of headersForPath(rules, path).values()) res.setHeader(name, value);
  const drop = (): void => console.error(`Cookie refusé sur ${path} : Passerelle ne dépose aucun cookie.`);
  const setHeader = res.setHeader.bind(res);
  res.setHeader = (name, value) => (name.toLowerCase() === 'set-cookie' ? (drop(), res) : setHeader(name, value));
  const appendHeader = res.appendHeader.bind(res);
  res.appendHeader = (name, value) => (name.toLowerCase() === 'set-cookie' ? (drop(), res) : appendHeader(name, value));
  const writeHead = res.writeHead.bind(res) as (status: number, ...rest: unknown[]) => ServerResponse;
  res.writeHead = ((status: number, ...rest: unknown[]) => {
    const last = rest.at(-1);
    if (last && typeof last === 'object') rest[rest.length - 1] = withoutCookies(last as OutgoingHttpHeaders, drop);
    return writeHead(status, ...rest);
  }) as ServerResponse['writeHead'];
}

const port = Number(process.env.PORT ?? 4321);
const host = process.env.HOST ?? 'localhost';
createServer((req, res) => {
  secure(req, res);
  // Static hosts keep _headers to themselves; so does this server.
  if (new URL(req.url ?? '/', 'http://localhost').pathname === `/${HEADERS_FILE}`) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Introuvable');
    return;
  }
  // The referral endpoint's documented address has no trailing slash: spare clients the redirect (a 301 turns a POST into a GET).
  if (req.url === '/api/orientation' || req.url?.startsWith('/api/orientation?')) req.url = req.url.replace('/api/orientation', '/api/orientation/');
  handler(req, res);
}).listen(port, host, () => {
  console.log(`Passerelle est servi sur http://${host}:${port}/`);
});
