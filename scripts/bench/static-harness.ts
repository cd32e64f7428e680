/**
 * Child process of the static bench: serves a folder with the Node server's static layer
 * (scripts/lib/static-files.ts, as npm run serve uses it) and watches its own event loop. It tells
 * its parent the port, then, when asked, the longest event-loop delay seen since the last reset.
 * With `gzip-on-request`, it first answers a gzip request for the feed as the former server did
 * (gzipSync on the request path, once, then kept in memory): the comparison under the same load.
 */
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { createStaticFiles, sitePath } from '../lib/static-files.ts';

const dir = process.argv[2] as string;
const gzipOnRequest = process.argv[3] === 'gzip-on-request';
let gzippedFeed: Buffer | undefined;
const files = createStaticFiles(dir);
const delay = monitorEventLoopDelay({ resolution: 1 });
delay.enable();

const server = createServer((req, res) => {
  const path = sitePath(req.url);
  if (gzipOnRequest && path === '/services.geojson' && /gzip/.test(req.headers['accept-encoding'] ?? '')) {
    gzippedFeed ??= gzipSync(readFileSync(join(dir, 'services.geojson')), { level: 6 });
    res.writeHead(200, { 'Content-Type': 'application/geo+json', 'Content-Encoding': 'gzip', Vary: 'Accept-Encoding' }).end(gzippedFeed);
    return;
  }
  if (path === undefined || !files.serve(req, res, path)) res.writeHead(404).end();
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
});
process.on('message', (message: string) => {
  if (message === 'reset') delay.reset();
  if (message === 'report') process.send?.({ maxMs: delay.max / 1e6, p99Ms: delay.percentile(99) / 1e6 });
  if (message === 'stop') server.close(() => process.exit(0));
});
