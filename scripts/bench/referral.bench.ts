/**
 * Referral endpoint under load: the built server (npm run serve) on loopback with the outbox
 * transport, on 2,000 synthetic services (generated now, never committed), 50 concurrent clients
 * posting valid JSON requests (each a new submission, communes drawn by population, every kind).
 * Two runs: at the target load (the 50 clients together offer 200 requests/s, each waiting for its
 * answer before the next), where p95 must stay under 50 ms; then as fast as they can (capacity),
 * where throughput must reach 200 requests/s (latency there is only queueing: 50 clients / rate). The limits against abuse
 * (src/server/referral-limits.ts) are raised for the run: every client here shares one address and one requester
 * address, and a populous commune's service receives hundreds of requests a minute.
 *
 * Both states are measured in one run, on two servers started one after the other: in memory (the
 * default; the ledger also written beside the outbox) and in Redis (REDIS_URL, a redis-server started
 * on a free loopback port, as the tests do). Without redis-server, the Redis half says why it is skipped.
 * BENCH_REFERRAL_STATES=redis,mémoire changes the order (or measures one).
 *
 * The clients speak node:http over kept-alive connections, as load generators do (autocannon, wrk):
 * they share the processor with the server, and `fetch` spent several times more CPU and garbage per
 * request than the server's own work, which showed up in the latencies measured.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SERVICE_KINDS } from '../../src/lib/services/service-vocabulary.ts';
import { redisUnavailable, startTestRedis } from '../../tests/support/redis-server.ts';
import { buildFixtureSite, serveSite, type ServedSite } from '../../tests/support/referral-site.ts';
import { generateSyntheticServices, populationSampler, seededRandom } from '../lib/synthetic-services.ts';

const CLIENTS = Number(process.env.BENCH_REFERRAL_CLIENTS ?? 50);
const DURATION_MS = Number(process.env.BENCH_REFERRAL_SECONDS ?? 10) * 1000;
const WARMUP_MS = 2000;
const TARGET_RPS = 200;
const TARGET_P95_MS = 50;

const services = generateSyntheticServices(2000, 7);
const outDir = await buildFixtureSite('bench-referral', services);
const unlimited = '100000000';
/** The server measured now (one at a time). */
let site: ServedSite;

const random = seededRandom(11);
const pickCommune = populationSampler(random);
const DECISIONS = ['aucune', 'jaf', 'juge-des-enfants'] as const;
function requestBody(): string {
  return JSON.stringify({
    violence: random() < 0.1 ? 'oui' : 'non',
    kind: SERVICE_KINDS[Math.floor(random() * SERVICE_KINDS.length)],
    communeCode: pickCommune().code,
    requester: { role: 'parent', name: 'Client de mesure', email: 'mesure@exemple.test', phone: '06 12 34 56 78' },
    courtDecision: { type: DECISIONS[Math.floor(random() * DECISIONS.length)] },
    childrenAges: [5, 11],
    message: 'Demande synthétique envoyée par le benchmark.',
    consent: true,
    submissionId: randomUUID(),
  });
}

interface Run {
  latencies: number[];
  statuses: Map<number, number>;
  sent: number;
}

let agent: Agent;

/**
 * Posts one request; its status and parsed JSON answer. A kept-alive connection that the server closed
 * as it was reused is retried once, as Node's documentation advises (ECONNRESET on a reused socket).
 */
function post(body: string, retried = false): Promise<{ status: number; answer: { status: string } }> {
  return new Promise((resolve, reject) => {
    const headers = { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), Origin: site.baseUrl };
    const sent = request(`${site.baseUrl}/api/orientation`, { method: 'POST', agent, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        try {
          resolve({ status: response.statusCode ?? 0, answer: JSON.parse(Buffer.concat(chunks).toString('utf8')) as { status: string } });
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
      response.on('error', reject);
    });
    sent.on('error', (error: NodeJS.ErrnoException) => {
      if (!retried && sent.reusedSocket && error.code === 'ECONNRESET') resolve(post(body, true));
      else reject(error);
    });
    sent.end(body);
  });
}

/** One client: posts until `until`, at most one request every `intervalMs` (0: as fast as it can). */
async function client(until: number, intervalMs: number, run: Run | undefined): Promise<void> {
  let next = Date.now() + Math.random() * intervalMs;
  while (Date.now() < until) {
    if (intervalMs) {
      const wait = next - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      next += intervalMs;
    }
    const body = requestBody();
    const start = performance.now();
    const { status, answer } = await post(body);
    if (!run) continue;
    run.latencies.push(performance.now() - start);
    run.statuses.set(status, (run.statuses.get(status) ?? 0) + 1);
    if (answer.status === 'envoyee') run.sent++;
  }
}

async function measure(intervalMs: number): Promise<Run & { seconds: number }> {
  await Promise.all(Array.from({ length: CLIENTS }, () => client(Date.now() + WARMUP_MS, intervalMs, undefined)));
  const run: Run = { latencies: [], statuses: new Map(), sent: 0 };
  const start = Date.now();
  await Promise.all(Array.from({ length: CLIENTS }, () => client(start + DURATION_MS, intervalMs, run)));
  return { ...run, seconds: (Date.now() - start) / 1000 };
}

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

type Row = { état: string; mesure: string; valeur: string; cible: string; ok: string };

/** Serves the build with this state, measures it, and gives its rows and whether it meets the targets. */
async function benchState(state: string, env: Record<string, string>): Promise<{ rows: Row[]; pass: boolean }> {
  const outboxDir = mkdtempSync(join(tmpdir(), 'passerelle-bench-outbox-'));
  site = await serveSite(
    outDir,
    { OUTBOX_DIR: outboxDir, REFERRAL_RATE_LIMIT: unlimited, REFERRAL_ACK_LIMIT: unlimited, REFERRAL_SERVICE_LIMIT: unlimited, ...env },
    { captureLogs: false },
  );
  agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
  try {
    const paced = await measure((CLIENTS / TARGET_RPS) * 1000);
    const flat = await measure(0);
    const rate = (run: { latencies: number[]; seconds: number }): number => run.latencies.length / run.seconds;
    const p95 = percentile(paced.latencies, 95);
    const onlyOk = (run: Run): boolean => run.statuses.size === 1 && run.statuses.has(200);
    const answers = (run: Run): string => [...run.statuses].map(([status, count]) => `${status} × ${count}`).join(', ');
    const ok = (pass: boolean): string => (pass ? 'oui' : 'NON');
    const row = (mesure: string, valeur: string, cible: string, pass?: boolean): Row => ({
      état: state,
      mesure,
      valeur,
      cible,
      ok: pass === undefined ? '' : ok(pass),
    });
    return {
      rows: [
        row(
          `charge cible : ${CLIENTS} clients, ${TARGET_RPS} req/s offertes`,
          `${rate(paced).toFixed(0)} req/s servies`,
          `≥ ${TARGET_RPS * 0.95}`,
          rate(paced) >= TARGET_RPS * 0.95,
        ),
        row('  latence p50', `${percentile(paced.latencies, 50).toFixed(1)} ms`, 'indicatif'),
        row('  latence p95', `${p95.toFixed(1)} ms`, `< ${TARGET_P95_MS} ms`, p95 < TARGET_P95_MS),
        row('  latence p99', `${percentile(paced.latencies, 99).toFixed(1)} ms`, 'indicatif'),
        row('  réponses', answers(paced), '200 uniquement', onlyOk(paced)),
        row(`capacité : ${CLIENTS} clients sans pause`, `${rate(flat).toFixed(0)} req/s`, `≥ ${TARGET_RPS}`, rate(flat) >= TARGET_RPS),
        row('  latence p95 (file d’attente)', `${percentile(flat.latencies, 95).toFixed(1)} ms`, 'indicatif'),
        row('  réponses', answers(flat), '200 uniquement', onlyOk(flat)),
        row(
          'demandes envoyées / fichiers outbox',
          `${paced.sent + flat.sent} / ${readdirSync(outboxDir).filter((name) => name.endsWith('.json')).length}`,
          'indicatif',
        ),
      ],
      pass: rate(paced) >= TARGET_RPS * 0.95 && p95 < TARGET_P95_MS && rate(flat) >= TARGET_RPS && onlyOk(paced) && onlyOk(flat),
    };
  } finally {
    agent.destroy();
    await site.stop();
    rmSync(outboxDir, { recursive: true, force: true });
  }
}

/** BENCH_REFERRAL_STATES: which states to measure, in that order (both by default). */
const states = (process.env.BENCH_REFERRAL_STATES ?? 'mémoire,redis').split(',').map((state) => state.trim());
const rows: Row[] = [];
let pass = true;
for (const state of states) {
  if (state === 'redis' && redisUnavailable) {
    rows.push({ état: 'redis', mesure: 'non mesuré', valeur: redisUnavailable, cible: '', ok: '' });
    continue;
  }
  const redis = state === 'redis' ? await startTestRedis() : undefined;
  try {
    const measured = await benchState(state, redis ? { REDIS_URL: redis.url } : {});
    rows.push(...measured.rows);
    pass &&= measured.pass;
  } finally {
    await redis?.stop();
  }
}
console.table(rows);
process.exitCode = pass ? 0 : 1;
