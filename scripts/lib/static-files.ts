/**
 * The built site's files for `npm run serve`, sent by `send` (the static-file library of Express and
 * of the Node adapter itself: ETag, 304, If-None-Match lists and `*`, Range, HEAD) with the
 * compressed form the client prefers among those written at build time (precompress.ts), chosen by
 * `negotiator` (q-values honoured: `gzip;q=0` refuses gzip). Nothing is compressed here.
 *
 * The files are listed once at start-up, as static hosts publish a deploy: a URL is a file of that
 * list or it is not, so no path outside the folder, and no file kept private, is ever reached.
 */
import { readdirSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, posix, relative, sep } from 'node:path';
import { contentType } from 'mime-types';
import Negotiator from 'negotiator';
import send from 'send';
import { ENCODINGS, type EncodingName } from './precompress.ts';
import { CADDY_SNIPPET_FILE, HEADERS_FILE } from './security-headers-integration.ts';

/** Files of the build that hosts read but never publish. */
export const PRIVATE_FILES: ReadonlySet<string> = new Set([`/${HEADERS_FILE}`, `/${CADDY_SNIPPET_FILE}`, '/_redirects']);

/** The methods a static file answers; any other gets 405 with this list in `Allow`. */
export const STATIC_METHODS = ['GET', 'HEAD'] as const;

/**
 * The path of a request target as a site path: decoded once, `.` and `..` resolved, repeated slashes
 * merged (`//_headers` is `/_headers`, never a host as `new URL('//x', base)` would read it).
 * Undefined for a target that is not a path or cannot be decoded.
 */
export function sitePath(target: string | undefined): string | undefined {
  if (!target?.startsWith('/')) return undefined;
  const raw = target.split(/[?#]/, 1)[0] as string;
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const normalized = posix.normalize(decoded.replace(/\/{2,}/g, '/'));
  // normalize keeps a trailing slash; "/.." can only climb to the root.
  return normalized.startsWith('/') ? normalized : `/${normalized}`;
}

function listFiles(root: string): Set<string> {
  const files = new Set<string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) files.add(`/${relative(root, path).split(sep).join('/')}`);
    }
  };
  walk(root);
  return files;
}

/** One file of the site: where it is, and which compressed forms were written beside it. */
interface SiteFile {
  path: string;
  encodings: EncodingName[];
}

export interface StaticFiles {
  /** The file a site path names (a folder's index.html for a path ending in `/`), or undefined. */
  lookup: (path: string) => SiteFile | undefined;
  /**
   * Answers a request for a file of the site: the file (in the preferred compressed form), 304, 206,
   * or 405 for a method other than GET and HEAD. Returns false, having written nothing, when the path
   * names no file, so that the caller can hand the request on.
   */
  serve: (req: IncomingMessage, res: ServerResponse, path: string) => boolean;
}

/** The static files of a built client folder (dist/client). */
export function createStaticFiles(clientDir: string): StaticFiles {
  const listed = listFiles(clientDir);
  const suffixes = new Set<string>(ENCODINGS.map((encoding) => encoding.suffix));
  const files = new Map<string, SiteFile>();
  for (const path of listed) {
    if (PRIVATE_FILES.has(path) || suffixes.has(extname(path))) continue;
    files.set(path, {
      path,
      encodings: ENCODINGS.filter((encoding) => listed.has(path + encoding.suffix)).map((encoding) => encoding.name),
    });
  }

  const lookup = (path: string): SiteFile | undefined => files.get(path.endsWith('/') ? `${path}index.html` : path);

  const serve = (req: IncomingMessage, res: ServerResponse, path: string): boolean => {
    const file = lookup(path);
    if (!file) return false;
    if (!(STATIC_METHODS as readonly string[]).includes(req.method ?? '')) {
      res.writeHead(405, { Allow: STATIC_METHODS.join(', '), 'Content-Type': 'text/plain; charset=utf-8' }).end('Méthode non autorisée');
      return true;
    }
    let sent = file.path;
    if (file.encodings.length) {
      // Every form of this URL depends on Accept-Encoding, the uncompressed one included.
      res.setHeader('Vary', 'Accept-Encoding');
      // Our order breaks ties between equal q-values (negotiator 1.x; its published types are 0.6's).
      const negotiator = new Negotiator(req) as unknown as {
        encoding: (available: string[], options: { preferred: string[] }) => string | undefined;
      };
      const chosen = negotiator.encoding([...file.encodings, 'identity'], { preferred: [...file.encodings, 'identity'] });
      const encoding = ENCODINGS.find((candidate) => candidate.name === chosen);
      if (encoding) {
        sent = file.path + encoding.suffix;
        res.setHeader('Content-Encoding', encoding.name);
        res.setHeader('Content-Type', contentType(extname(file.path)) || 'application/octet-stream');
      } else if (chosen !== 'identity') {
        // identity;q=0 and no form the client takes.
        res.removeHeader('Vary');
        res.writeHead(406, { 'Content-Type': 'text/plain; charset=utf-8', Vary: 'Accept-Encoding' }).end('Aucun encodage acceptable');
        return true;
      }
    }
    // encodeURI: send decodes the path it is given, and a file name may hold a "%".
    send(req, encodeURI(sent), { root: clientDir, index: false, dotfiles: 'allow' })
      .on('error', (error: Error & { status?: number }) => {
        // The folder changed under the server (a file listed at start-up is gone): say so plainly.
        const status = error.status ?? 500;
        if (status >= 500) console.error(`Fichier statique illisible : ${sent} (${String(error)})`);
        if (!res.headersSent) {
          res.removeHeader('Content-Encoding');
          res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
        }
        res.end(status === 404 ? 'Introuvable' : 'Erreur du serveur');
      })
      .pipe(res);
    return true;
  };

  return { lookup, serve };
}
