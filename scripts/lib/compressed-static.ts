/**
 * The built site's text files gzip-compressed for `npm run serve` (static hosts compress on their own,
 * the Node adapter does not): the same file, type and caching the adapter would send, in a fraction of
 * the bytes, which is what the page-weight budgets count. Each file is compressed once, then kept in
 * memory within a bound; a file changed on disk is compressed again.
 */
import { readFileSync, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Types worth compressing, as the adapter names them. */
const COMPRESSIBLE_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.geojson': 'application/geo+json',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.yml': 'text/yaml; charset=utf-8',
};

/** Below this size, compressing saves less than it costs. */
const MIN_BYTES = 1024;

export interface CompressedFile {
  body: Buffer;
  headers: Record<string, string>;
}

/**
 * A lookup for GET and HEAD requests: the compressed file for a URL path, or undefined to let the
 * adapter answer (no gzip accepted, not a file, not text, too small).
 */
export function createCompressedStatic(clientDir: string, { maxCachedBytes = 64 * 1024 * 1024 } = {}): (urlPath: string, acceptEncoding: string | undefined) => CompressedFile | undefined {
  const root = resolve(clientDir);
  const cache = new Map<string, { mtimeMs: number; size: number; file: CompressedFile }>();
  let cachedBytes = 0;
  return (urlPath, acceptEncoding) => {
    if (!/\bgzip\b/.test(acceptEncoding ?? '')) return undefined;
    let relative: string;
    try {
      relative = decodeURIComponent(urlPath);
    } catch {
      return undefined;
    }
    const path = resolve(join(root, relative.endsWith('/') ? `${relative}index.html` : relative));
    if (!path.startsWith(root + sep)) return undefined;
    const type = COMPRESSIBLE_TYPES[extname(path)];
    if (!type) return undefined;
    let stat;
    try {
      stat = statSync(path);
    } catch {
      return undefined;
    }
    if (!stat.isFile() || stat.size < MIN_BYTES) return undefined;
    const cached = cache.get(path);
    if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.file;
    const body = gzipSync(readFileSync(path), { level: 6 });
    const file: CompressedFile = {
      body,
      headers: {
        'Content-Type': type,
        'Content-Encoding': 'gzip',
        'Content-Length': String(body.length),
        Vary: 'Accept-Encoding',
        // As the adapter: hashed bundles never change, everything else is checked again.
        'Cache-Control': urlPath.startsWith('/_astro/') ? 'public, max-age=31536000, immutable' : 'public, max-age=0',
        'Last-Modified': stat.mtime.toUTCString(),
        ETag: `W/"gz-${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`,
      },
    };
    if (cached) cachedBytes -= cached.file.body.length;
    cache.set(path, { mtimeMs: stat.mtimeMs, size: stat.size, file });
    cachedBytes += body.length;
    // Forget the oldest files past the bound (Map order is insertion order).
    for (const [key, entry] of cache) {
      if (cachedBytes <= maxCachedBytes) break;
      cache.delete(key);
      cachedBytes -= entry.file.body.length;
    }
    return file;
  };
}
