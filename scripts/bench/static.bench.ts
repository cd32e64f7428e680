/**
 * Static files of the Node server under a burst: a 7.5 MB map feed (synthetic, generated now)
 * compressed at build time (scripts/lib/precompress.ts) and served by send (static-files.ts), asked
 * for by 20 clients at once, in gzip, brotli and uncompressed, while a small page is asked for again
 * and again. The same bursts go first to the former way (gzip on the request path, once per file,
 * then kept in memory). Reported for each: the server's longest event-loop delay idle (the machine's
 * noise floor) and during each burst (target < 50 ms), and the small page's latencies (the clients
 * share this process, so these include its own reading of 150 MB per burst).
 */
import { fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { precompressDirectory } from '../lib/precompress.ts';
import { seededRandom } from '../lib/synthetic-services.ts';

const FEED_BYTES = 7.5 * 1024 * 1024;
const CLIENTS = 20;
const ROUNDS = 3;
/** The old server gzipped on the request path: 60 ms of blocked loop for this feed, measured where it was found. */
const TARGET_MAX_DELAY_MS = 50;

/** A GeoJSON feed of points around France, about `bytes` long. */
function syntheticFeed(bytes: number): string {
  const random = seededRandom(3);
  const features: string[] = [];
  let length = 0;
  for (let i = 0; length < bytes; i++) {
    const feature = JSON.stringify({
      type: 'Feature',
      id: `service-${i}`,
      geometry: { type: 'Point', coordinates: [-4.5 + random() * 12, 42.5 + random() * 8.5] },
      properties: { name: `Service synthétique ${i}`, kinds: ['mediation-familiale'] },
    });
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

interface Measure {
  idleDelay: number;
  maxDelays: number[];
  smallLatencies: number[];
}

/** Starts the harness in a mode, measures the idle loop, then ROUNDS bursts; stops it. */
async function measure(mode: 'precompressed' | 'gzip-on-request'): Promise<Measure> {
  const server = fork(join(import.meta.dirname, 'static-harness.ts'), [dir, mode], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const nextMessage = <T>(): Promise<T> => new Promise((resolve) => server.once('message', (message) => resolve(message as T)));
  const { port } = await nextMessage<{ port: number }>();
  const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS + 1 });
  /** One GET, its body read and dropped; resolves with the time it took. */
  const get = (path: string, encoding: string): Promise<number> => {
    const start = performance.now();
    return new Promise((resolve, reject) => {
      request({ host: '127.0.0.1', port, path, agent, headers: { 'Accept-Encoding': encoding } }, (res) => {
        res.resume();
        res.on('end', () => resolve(performance.now() - start));
      })
        .on('error', reject)
        .end();
    });
  };
  // The noise floor: the same server, only the small page asked for, for a second (a loaded machine
  // delays every process; the burst's figure means something only next to this one).
  server.send('reset');
  for (const end = performance.now() + 1000; performance.now() < end;) await get('/', 'br');
  server.send('report');
  const idleDelay = (await nextMessage<{ maxMs: number }>()).maxMs;
  const smallLatencies: number[] = [];
  const maxDelays: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    server.send('reset');
    let burstDone = false;
    const burst = Promise.all(
      Array.from({ length: CLIENTS }, (_, i) => get('/services.geojson', encodings[i % encodings.length] as string)),
    ).then(() => {
      burstDone = true;
    });
    while (!burstDone) smallLatencies.push(await get('/', 'br'));
    await burst;
    server.send('report');
    maxDelays.push((await nextMessage<{ maxMs: number }>()).maxMs);
  }
  server.send('stop');
  agent.destroy();
  smallLatencies.sort((a, b) => a - b);
  return { idleDelay, maxDelays, smallLatencies };
}

const encodings = ['gzip', 'br', 'identity'];
const before = await measure('gzip-on-request');
const after = await measure('precompressed');
rmSync(dir, { recursive: true, force: true });

const at = (values: number[], q: number): number => values[Math.min(values.length - 1, Math.floor(q * values.length))] as number;
const line = (label: string, m: Measure): string =>
  `${label} : boucle au repos ${m.idleDelay.toFixed(1)} ms ; pendant les rafales ${m.maxDelays.map((ms) => ms.toFixed(1)).join(' / ')} ms ; petite page p50 ${at(m.smallLatencies, 0.5).toFixed(1)} ms, p95 ${at(m.smallLatencies, 0.95).toFixed(1)} ms`;
const worstDelay = Math.max(...after.maxDelays);
console.log(
  `Flux de ${(feed.length / 1_048_576).toFixed(1)} Mo, ${CLIENTS} clients à la fois (gzip, br, sans compression), ${ROUNDS} rafales ; charge de la machine ${loadavg()[0]?.toFixed(1)} pour ${availableParallelism()} cœurs`,
);
console.log(
  `Compression à la construction : ${buildMs.toFixed(0)} ms (une fois) ; gzip sur le chemin de la requête : ${requestPathGzipMs.toFixed(0)} ms de CPU d’un bloc`,
);
console.log(line('Ancien serveur (gzip à la première demande)', before));
console.log(line('Fichiers précompressés (send)', after));
console.log(
  `Plus long retard de la boucle d’événements pendant les rafales : ${worstDelay.toFixed(1)} ms (cible < ${TARGET_MAX_DELAY_MS}) ${worstDelay < TARGET_MAX_DELAY_MS ? 'OK' : 'DÉPASSÉ'}`,
);
process.exitCode = worstDelay < TARGET_MAX_DELAY_MS ? 0 : 1;
