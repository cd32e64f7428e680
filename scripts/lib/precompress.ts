/**
 * The built site's text files compressed once, at build time: `page.html.br` and `page.html.gz`
 * beside `page.html`, which the Node server (static-files.ts) and Caddy (`precompressed br gzip`)
 * send as they are. Nothing is compressed on the request path, so a large feed costs the server a
 * file read, never seconds of CPU in the middle of other requests.
 */
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { AstroIntegration } from 'astro';

/** Extensions worth compressing (text); images and fonts are compressed already. */
export const COMPRESSIBLE_EXTENSIONS: ReadonlySet<string> = new Set([
  '.html',
  '.css',
  '.js',
  '.mjs',
  '.json',
  '.geojson',
  '.xml',
  '.txt',
  '.csv',
  '.svg',
  '.yml',
  '.webmanifest',
]);

/** Below this size, compressing saves less than the extra headers and lookups cost. */
export const MIN_COMPRESSED_BYTES = 1024;

/** The compressed forms, best first: the order the static server prefers them in. */
export const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;

export type EncodingName = (typeof ENCODINGS)[number]['name'];

/**
 * Brotli quality 10 for the pages and assets people wait for: on the real site's 2,162 text files
 * under 512 KB (16.3 MB), 11 writes 2 % fewer bytes (4,559 KB against 4,661 KB) for twice the time
 * (18.6 s of processor against 8.9 s). Quality 9 above that size (the map and open-data feeds),
 * so that a build with a 7.5 MB feed is not held up for seconds.
 */
const SMALL_FILE_BYTES = 512 * 1024;
const BROTLI_QUALITY = { small: 10, large: 9 } as const;

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** What was compressed, for the build log and the tests. */
export interface PrecompressReport {
  files: number;
  originalBytes: number;
  brotliBytes: number;
  gzipBytes: number;
}

async function* filesUnder(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(path);
    else if (entry.isFile()) yield path;
  }
}

/** Whether a file of this name and size gets compressed forms. */
export function isCompressible(path: string, size: number): boolean {
  return COMPRESSIBLE_EXTENSIONS.has(extname(path)) && size >= MIN_COMPRESSED_BYTES;
}

/**
 * Writes the brotli and gzip forms of every compressible file under `dir` (the settings above: done
 * once per build, read many times). zlib works on its thread pool, a few files at a time.
 */
export async function precompressDirectory(dir: string): Promise<PrecompressReport> {
  const report: PrecompressReport = { files: 0, originalBytes: 0, brotliBytes: 0, gzipBytes: 0 };
  const pending: string[] = [];
  for await (const path of filesUnder(dir)) {
    if (isCompressible(path, (await stat(path)).size)) pending.push(path);
  }
  const compressOne = async (path: string): Promise<void> => {
    const source = await readFile(path);
    const [br, gz] = await Promise.all([
      brotli(source, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: source.length < SMALL_FILE_BYTES ? BROTLI_QUALITY.small : BROTLI_QUALITY.large,
          [constants.BROTLI_PARAM_SIZE_HINT]: source.length,
        },
      }),
      gzipAsync(source, { level: constants.Z_BEST_COMPRESSION }),
    ]);
    await Promise.all([writeFile(`${path}.br`, br), writeFile(`${path}.gz`, gz)]);
    report.files++;
    report.originalBytes += source.length;
    report.brotliBytes += br.length;
    report.gzipBytes += gz.length;
  };
  const workers = Array.from({ length: Math.max(1, availableParallelism()) }, async () => {
    for (let path = pending.pop(); path !== undefined; path = pending.pop()) await compressOne(path);
  });
  await Promise.all(workers);
  return report;
}

const megabytes = (bytes: number): string => `${(bytes / 1_048_576).toFixed(1)} Mo`;

/** The integration: after the build (and after `_headers` is written), compresses the client folder. */
export function precompressIntegration(): AstroIntegration {
  return {
    name: 'passerelle:precompress',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const started = performance.now();
        const report = await precompressDirectory(fileURLToPath(dir));
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        logger.info(
          `${report.files} fichiers compressés en ${seconds} s : ${megabytes(report.originalBytes)} → ${megabytes(report.brotliBytes)} (brotli), ${megabytes(report.gzipBytes)} (gzip).`,
        );
      },
    },
  };
}
