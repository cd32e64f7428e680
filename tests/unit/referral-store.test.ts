import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SubmissionLedger } from '../../src/lib/referral/referral-idempotency.ts';
import { OutboxTransport } from '../../src/server/mail-outbox.ts';
import type { MailMessage, MailTransport, SendOptions } from '../../src/server/mail-transport.ts';
import {
  handleReferral,
  type HandledReferral,
  type ReferralDependencies,
  type RememberedOutcome,
} from '../../src/server/referral-handler.ts';
import type { ReferralAbuseLimits } from '../../src/server/referral-limits.ts';
import {
  createMemoryReferralStore,
  createRedisReferralStore,
  LEDGER_JOURNAL,
  type ReferralStore,
} from '../../src/server/referral-store.ts';
import { parsedFixtureServices } from '../support/referral-fixtures.ts';
import { redisUnavailable, startTestRedis, type TestRedis } from '../support/redis-server.ts';

const services = parsedFixtureServices();
const requester = { role: 'parent', name: 'Camille Testeuse', email: 'camille@exemple.test', phone: '06 12 34 56 78' };
const body = (change: Record<string, unknown> = {}): string =>
  JSON.stringify({
    violence: 'oui',
    kind: 'espace-rencontre',
    communeCode: '62263',
    requester,
    courtDecision: { type: 'jaf' },
    message: 'Message confidentiel de la famille.',
    consent: true,
    submissionId: crypto.randomUUID(),
    ...change,
  });

const folder = (prefix: string): string => mkdtempSync(join(tmpdir(), `passerelle-${prefix}-`));
const filesIn = (dir: string): string[] => readdirSync(dir).filter((name) => name.endsWith('.json'));

/** One server instance: its own transport (an outbox folder, as on its own host), its store, its clock. */
function instance(
  store: ReferralStore<RememberedOutcome>,
  outboxDir: string,
  { clock = Date.now, transport }: { clock?: () => number; transport?: MailTransport } = {},
) {
  const deps: ReferralDependencies = {
    services: () => Promise.resolve(services),
    transport: transport ?? new OutboxTransport({ dir: outboxDir, log: () => undefined }),
    mailFrom: 'Passerelle <o@exemple.test>',
    limiters: store.limiters,
    ledger: new SubmissionLedger<RememberedOutcome>(store.submissions, { now: clock, onStoreError: store.onStoreError, pollMs: 20 }),
    now: clock,
    log: () => undefined,
  };
  return (json: string, client = '192.0.2.10'): Promise<HandledReferral> =>
    handleReferral(
      new Request('http://localhost/api/orientation', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: json }),
      client,
      deps,
    );
}

const generous: Partial<ReferralAbuseLimits> = {
  requestsPerClientPerMinute: 1000,
  messagesPerServicePerHour: 1000,
  acknowledgementsPerAddressPerHour: 1000,
};
const t0 = Date.parse('2026-11-25T09:59:30Z');

describe('memory store across a restart', () => {
  it('answers an identical resubmission with 200 after a restart, sends nothing again, and still refuses a changed one', async () => {
    const ledgerDir = folder('ledger');
    const outboxDir = folder('outbox');
    const json = body();
    const before = await instance(createMemoryReferralStore({ limits: generous, dir: ledgerDir }), outboxDir, { clock: () => t0 })(json);
    expect(before.outcome).toMatchObject({ status: 200, body: { status: 'envoyee', acknowledgement: 'envoye' } });
    expect(filesIn(outboxDir)).toHaveLength(2);

    // A new process, three minutes later (another "Reçue le" minute).
    const after = instance(createMemoryReferralStore({ limits: generous, dir: ledgerDir }), outboxDir, { clock: () => t0 + 3 * 60_000 });
    expect((await after(json)).outcome).toEqual(before.outcome);
    expect(filesIn(outboxDir)).toHaveLength(2);
    expect((await after(json.replace('Message confidentiel', 'Message modifié'))).outcome).toMatchObject({
      status: 409,
      body: { status: 'deja-envoyee' },
    });
    expect(filesIn(outboxDir)).toHaveLength(2);
  });

  it('sends an acknowledgement lost in a crash when the same request comes again, with the first arrival time', async () => {
    const ledgerDir = folder('ledger');
    const outboxDir = folder('outbox');
    const outbox = new OutboxTransport({ dir: outboxDir, log: () => undefined });
    // The process dies while the acknowledgement is on its way: it never gets an answer.
    const dying: MailTransport = {
      name: 'outbox',
      send: (message: MailMessage, options: SendOptions) =>
        options.idempotencyKey.endsWith('/accuse') ? new Promise(() => undefined) : outbox.send(message, options),
    };
    const json = body();
    void instance(createMemoryReferralStore({ limits: generous, dir: ledgerDir }), outboxDir, { clock: () => t0, transport: dying })(json);
    await expect.poll(() => filesIn(outboxDir)).toHaveLength(1);

    const after = instance(createMemoryReferralStore({ limits: generous, dir: ledgerDir }), outboxDir, { clock: () => t0 + 3 * 60_000 });
    expect((await after(json)).outcome).toMatchObject({ status: 200, body: { status: 'envoyee', acknowledgement: 'envoye' } });
    const written = filesIn(outboxDir).map((name) => JSON.parse(readFileSync(join(outboxDir, name), 'utf8')) as MailMessage);
    expect(written.map((message) => message.to).sort()).toEqual(['camille@exemple.test', 'orientation-er-arras@exemple.test']);
    for (const message of written) expect(message.text).toContain('25 novembre 2026 à 10:59');
  });

  it('keeps answering, from memory, when its folder cannot be made or written, and says so', async () => {
    const lines: string[] = [];
    const blocked = join(folder('ledger'), 'fichier');
    writeFileSync(blocked, '');
    const post = instance(
      createMemoryReferralStore({ limits: generous, dir: join(blocked, 'dossier'), log: (line) => lines.push(line) }),
      folder('outbox'),
    );
    const json = body();
    const first = await post(json);
    expect(first.outcome.status).toBe(200);
    expect((await post(json)).outcome).toEqual(first.outcome);
    expect(lines.join('\n')).toMatch(/État des orientations \(mémoire\) indisponible/);
  });

  it('keeps in its folder (0700, journal 0600) a time and digests, nothing the person wrote, and nothing past its day', async () => {
    const ledgerDir = folder('ledger');
    let clock = Date.now();
    const store = () => createMemoryReferralStore<RememberedOutcome>({ limits: generous, dir: ledgerDir });
    await instance(store(), folder('outbox'), { clock: () => clock })(body());
    expect(statSync(ledgerDir).mode & 0o777).toBe(0o700);
    const journal = join(ledgerDir, LEDGER_JOURNAL);
    expect(statSync(journal).mode & 0o777).toBe(0o600);
    const text = readFileSync(journal, 'utf8');
    expect(text.trim().split('\n')).toHaveLength(2);
    for (const secret of ['Camille', 'camille@exemple.test', '06 12 34 56 78', 'Message confidentiel', '"violence"'])
      expect(text).not.toContain(secret);
    // A line cut by a crash is skipped; a restart compacts the journal to one line per submission.
    writeFileSync(journal, `${text}{"name":"coupé`);
    store();
    expect(readFileSync(journal, 'utf8').trim().split('\n')).toHaveLength(1);
    // A day later, a restart leaves nothing.
    clock += 25 * 60 * 60 * 1000;
    vi.useFakeTimers({ toFake: ['Date'], now: clock });
    try {
      store();
    } finally {
      vi.useRealTimers();
    }
    expect(readFileSync(journal, 'utf8')).toBe('');
    expect(readdirSync(ledgerDir)).toEqual([LEDGER_JOURNAL]);
  });
});

describe.skipIf(redisUnavailable)(`Redis store${redisUnavailable ? ` (ignoré : ${redisUnavailable})` : ''}`, () => {
  let redis: TestRedis;
  const stores: ReferralStore<RememberedOutcome>[] = [];
  const redisStore = async (limits: Partial<ReferralAbuseLimits> = generous, log: (line: string) => void = () => undefined) => {
    const store = await createRedisReferralStore<RememberedOutcome>({ url: redis.url, limits, log, commandTimeoutMs: 2000 });
    stores.push(store);
    return store;
  };
  beforeAll(async () => {
    redis = await startTestRedis();
  });
  afterAll(async () => {
    await Promise.all(stores.map((store) => store.close().catch(() => undefined)));
    await redis?.stop();
  });

  it('shares the ledger between two instances: the same submission sent to A then B, or to both at once, sends one pair of messages', async () => {
    const [outboxA, outboxB] = [folder('outbox-a'), folder('outbox-b')];
    const a = instance(await redisStore(), outboxA, { clock: () => t0 });
    const b = instance(await redisStore(), outboxB, { clock: () => t0 + 3 * 60_000 });
    const json = body();
    const first = await a(json);
    expect(first.outcome).toMatchObject({ status: 200, body: { status: 'envoyee', acknowledgement: 'envoye', violence: 'oui' } });
    expect((await b(json)).outcome).toEqual(first.outcome);
    expect([filesIn(outboxA).length, filesIn(outboxB).length]).toEqual([2, 0]);
    expect((await b(json.replace('Message confidentiel', 'Message modifié'))).outcome.status).toBe(409);

    // At once, on two instances whose clocks agree (an attempt holds its submission for 15 s of their clock).
    const [outboxC, outboxD] = [folder('outbox-c'), folder('outbox-d')];
    const [c, d] = [instance(await redisStore(), outboxC), instance(await redisStore(), outboxD)];
    const together = body();
    const answers = await Promise.all([c(together), d(together)]);
    expect(answers.map((answer) => answer.outcome.status)).toEqual([200, 200]);
    expect(filesIn(outboxC).length + filesIn(outboxD).length).toBe(2);
  });

  it('answers an identical resubmission with 200 after a restart of the server', async () => {
    const outboxDir = folder('outbox');
    const json = body();
    const before = await instance(await redisStore(), outboxDir, { clock: () => t0 })(json);
    const restarted = instance(await redisStore(), outboxDir, { clock: () => t0 + 10 * 60_000 });
    expect((await restarted(json)).outcome).toEqual(before.outcome);
    expect(filesIn(outboxDir)).toHaveLength(2);
  });

  it('counts a client’s requests across both instances, and keeps no address in Redis', async () => {
    const limits = { ...generous, requestsPerClientPerMinute: 3 };
    const a = instance(await redisStore(limits), folder('outbox-a'));
    const b = instance(await redisStore(limits), folder('outbox-b'));
    const client = '203.0.113.77';
    const statuses = [await a('{}', client), await b('{}', client), await a('{}', client), await b('{}', client)].map(
      (handled) => handled.outcome.status,
    );
    expect(statuses).toEqual([422, 422, 422, 429]);
    const raw = createClient({ url: redis.url });
    await raw.connect();
    const keys = await raw.keys('passerelle:*');
    await raw.close();
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.join(' ')).not.toMatch(/203\.0\.113\.77|camille/);
  });

  it('still answers and sends every referral when Redis stops mid-run, says so in the log, and uses it again once back', async () => {
    const lines: string[] = [];
    const outboxDir = folder('outbox');
    let clock = Date.now();
    const store = await redisStore({ ...generous, requestsPerClientPerMinute: 2 }, (line) => lines.push(line));
    const send = instance(store, outboxDir, { clock: () => clock });
    // A client of its own: the earlier tests counted theirs in this minute.
    const post = (json: string, client = '198.51.100.100') => send(json, client);
    const before = body();
    const sentBefore = await post(before);
    expect(sentBefore.outcome.status).toBe(200);
    await redis.stop();
    const started = Date.now();
    // Three requests from a client allowed two a minute: the limit is not enforced while Redis is away.
    const bodies = [body(), body(), body()];
    const during = await Promise.all(bodies.map((json) => post(json)));
    expect(during.map((handled) => handled.outcome)).toEqual(
      during.map((): unknown =>
        expect.objectContaining({ status: 200, body: expect.objectContaining({ status: 'envoyee', acknowledgement: 'envoye' }) }),
      ),
    );
    expect(Date.now() - started).toBeLessThan(3000);
    expect(filesIn(outboxDir)).toHaveLength(8);
    // This instance still knows what it sent, before and during the outage: an unchanged resubmission
    // in another minute gets its 200, and nothing is sent again.
    clock += 3 * 60_000;
    expect((await post(before)).outcome).toEqual(sentBefore.outcome);
    expect((await post(bodies[0] as string)).outcome).toEqual(during[0]?.outcome);
    expect(filesIn(outboxDir)).toHaveLength(8);
    expect(lines.join('\n')).toMatch(/État des orientations \(redis\) indisponible.*sans limites partagées/);
    expect(lines.join('\n')).not.toMatch(/Camille|camille@|06 12|confidentiel/);

    await redis.start();
    // Back: the client's limit counts again (2 a minute), once the client has reconnected.
    await expect.poll(async () => (await post('{}', '198.51.100.200')).outcome.status, { timeout: 10_000, interval: 200 }).toBe(429);
  });
});
