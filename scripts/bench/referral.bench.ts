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
import { buildFixtureSite, serveSite } from '../../tests/support/referral-site.ts';
import { generateSyntheticServices, populationSampler, seededRandom } from '../lib/synthetic-services.ts';

const CLIENTS = Number(process.env.BENCH_REFERRAL_CLIENTS ?? 50);
const DURATION_MS = Number(process.env.BENCH_REFERRAL_SECONDS ?? 10) * 1000;
const WARMUP_MS = 2000;
const TARGET_RPS = 200;
const TARGET_P95_MS = 50;

const services = generateSyntheticServices(2000, 7);
const outDir = buildFixtureSite('bench-referral', services, { reuse: process.env.BENCH_REFERRAL_REUSE === '1' });
const outboxDir = mkdtempSync(join(tmpdir(), 'passerelle-bench-outbox-'));
const unlimited = '100000000';
const site = await serveSite(outDir, { OUTBOX_DIR: outboxDir, REFERRAL_RATE_LIMIT: unlimited, REFERRAL_ACK_LIMIT: unlimited, REFERRAL_SERVICE_LIMIT: unlimited }, { captureLogs: false });

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

const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });

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
          reject(error as Error);
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

try {
  const paced = await measure((CLIENTS / TARGET_RPS) * 1000);
  const flat = await measure(0);
  const rate = (run: { latencies: number[]; seconds: number }): number => run.latencies.length / run.seconds;
  const p95 = percentile(paced.latencies, 95);
  const onlyOk = (run: Run): boolean => run.statuses.size === 1 && run.statuses.has(200);
  const answers = (run: Run): string => [...run.statuses].map(([status, count]) => `${status} × ${count}`).join(', ');
  const ok = (pass: boolean): string => (pass ? 'oui' : 'NON');
  console.table([
    { mesure: `charge cible : ${CLIENTS} clients, ${TARGET_RPS} req/s offertes`, valeur: `${rate(paced).toFixed(0)} req/s servies`, cible: `≥ ${TARGET_RPS * 0.95}`, ok: ok(rate(paced) >= TARGET_RPS * 0.95) },
    { mesure: '  latence p50', valeur: `${percentile(paced.latencies, 50).toFixed(1)} ms`, cible: 'indicatif', ok: '' },
    { mesure: '  latence p95', valeur: `${p95.toFixed(1)} ms`, cible: `< ${TARGET_P95_MS} ms`, ok: ok(p95 < TARGET_P95_MS) },
    { mesure: '  latence p99', valeur: `${percentile(paced.latencies, 99).toFixed(1)} ms`, cible: 'indicatif', ok: '' },
    { mesure: '  réponses', valeur: answers(paced), cible: '200 uniquement', ok: ok(onlyOk(paced)) },
    { mesure: `capacité : ${CLIENTS} clients sans pause`, valeur: `${rate(flat).toFixed(0)} req/s`, cible: `≥ ${TARGET_RPS}`, ok: ok(rate(flat) >= TARGET_RPS) },
    { mesure: '  latence p95 (file d’attente)', valeur: `${percentile(flat.latencies, 95).toFixed(1)} ms`, cible: 'indicatif', ok: '' },
    { mesure: '  réponses', valeur: answers(flat), cible: '200 uniquement', ok: ok(onlyOk(flat)) },
    { mesure: 'demandes envoyées / fichiers outbox', valeur: `${paced.sent + flat.sent} / ${readdirSync(outboxDir).length}`, cible: 'indicatif', ok: '' },
  ]);
  process.exitCode = rate(paced) >= TARGET_RPS * 0.95 && p95 < TARGET_P95_MS && rate(flat) >= TARGET_RPS && onlyOk(paced) && onlyOk(flat) ? 0 : 1;
} finally {
  agent.destroy();
  await site.stop();
  rmSync(outboxDir, { recursive: true, force: true });
}
