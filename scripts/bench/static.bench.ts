/**
 * Static files of the Node server under a burst: a 7.5 MB map feed (synthetic, generated now)
 * compressed at build time (scripts/lib/precompress.ts) and served by send (static-files.ts), asked
 * for by 20 clients at once, in brotli, gzip and uncompressed, while a small page is asked for
 * again and again. Reported: the longest event-loop delay of the server during the burst (target
 * < 20 ms: a page waits no longer than that behind the feed), the small page's latencies, and, for
 * comparison, what gzip on the request path would cost for that feed (the old server did it).
 */
import { fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { precompressDirectory } from '../lib/precompress.ts';
import { seededRandom } from '../lib/synthetic-services.ts';

const FEED_BYTES = 7.5 * 1024 * 1024;
const CLIENTS = 20;
const ROUNDS = 3;
const TARGET_MAX_DELAY_MS = 20;

/** A GeoJSON feed of points around France, about `bytes` long. */
function syntheticFeed(bytes: number): string {
  const random = seededRandom(3);
  const features: string[] = [];
  let length = 0;
  for (let i = 0; length < bytes; i++) {
    const feature = JSON.stringify({ type: 'Feature', id: `service-${i}`, geometry: { type: 'Point', coordinates: [-4.5 + random() * 12, 42.5 + random() * 8.5] }, properties: { name: `Service synthétique ${i}`, kinds: ['mediation-familiale'] } });
    features.push(feature);
    length += feature.length + 1;
  }
  return `{"type":"FeatureCollection","features":[${features.join(',')}]}`;
}

const dir = mkdtempSync(join(tmpdir(), 'passerelle-bench-static-'));
writeFileSync(join(dir, 'services.geojson'), syntheticFeed(FEED_BYTES));
writeFileSync(join(dir, 'index.html'), `<!doctype html><title>Passerelle</title>${'<p>Médiation familiale.</p>'.repeat(200)}`);
let started = performance.now();
await precompressDirectory(dir);
const buildMs = performance.now() - started;
const feed = readFileSync(join(dir, 'services.geojson'));
started = performance.now();
gzipSync(feed, { level: 6 });
const requestPathGzipMs = performance.now() - started;

const server = fork(join(import.meta.dirname, 'static-harness.ts'), [dir], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
const nextMessage = <T>(): Promise<T> => new Promise((resolve) => server.once('message', (message) => resolve(message as T)));
const { port } = await nextMessage<{ port: number }>();
const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS + 1 });

/** One GET, its body read and dropped; resolves with the time it took. */
function get(path: string, encoding: string): Promise<number> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path, agent, headers: { 'Accept-Encoding': encoding } }, (res) => {
      res.resume();
      res.on('end', () => resolve(performance.now() - start));
    })
      .on('error', reject)
      .end();
  });
}

const encodings = ['br', 'gzip', 'identity'];
const smallLatencies: number[] = [];
const maxDelays: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  server.send('reset');
  let burstDone = false;
  const burst = Promise.all(Array.from({ length: CLIENTS }, (_, i) => get('/services.geojson', encodings[i % encodings.length] as string))).then(() => {
    burstDone = true;
  });
  while (!burstDone) smallLatencies.push(await get('/', 'br'));
  await burst;
  server.send('report');
  maxDelays.push((await nextMessage<{ maxMs: number }>()).maxMs);
}
server.send('stop');
agent.destroy();
rmSync(dir, { recursive: true, force: true });

smallLatencies.sort((a, b) => a - b);
const at = (q: number): number => smallLatencies[Math.min(smallLatencies.length - 1, Math.floor(q * smallLatencies.length))] as number;
const worstDelay = Math.max(...maxDelays);
console.log(`Flux de ${(feed.length / 1_048_576).toFixed(1)} Mo, ${CLIENTS} clients à la fois (br, gzip, sans compression), ${ROUNDS} rafales`);
console.log(`Compression à la construction : ${buildMs.toFixed(0)} ms (une fois) ; gzip sur le chemin de la requête coûterait ${requestPathGzipMs.toFixed(0)} ms de CPU à chaque demande`);
console.log(`Plus long retard de la boucle d’événements du serveur : ${maxDelays.map((ms) => ms.toFixed(1)).join(' / ')} ms (cible < ${TARGET_MAX_DELAY_MS}) ${worstDelay < TARGET_MAX_DELAY_MS ? 'OK' : 'DÉPASSÉ'}`);
console.log(`Petite page pendant les rafales (${smallLatencies.length} requêtes) : p50 ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms, max ${at(1).toFixed(1)} ms`);
process.exitCode = worstDelay < TARGET_MAX_DELAY_MS ? 0 : 1;
