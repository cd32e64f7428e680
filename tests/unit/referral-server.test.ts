import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RedisClientType } from 'redis';
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { SubmissionLedger } from '../../src/lib/referral/referral-idempotency.ts';
import { OutboxTransport, startOutboxRetention } from '../../src/server/mail-outbox.ts';
import { isRetryable, ResendTransport } from '../../src/server/mail-resend.ts';
import type { MailMessage, MailTransport, SendResult } from '../../src/server/mail-transport.ts';
import { withSender } from '../../src/server/mail-transport.ts';
import { handleReferral, type ReferralDependencies, type RememberedOutcome } from '../../src/server/referral-handler.ts';
import {
  acknowledgementKey,
  createReferralLimiters,
  messagesPerClientPerServicePerHour,
  REFERRAL_ABUSE_LIMITS,
  type ReferralAbuseLimits,
} from '../../src/server/referral-limits.ts';
import { MemorySubmissionStore } from '../../src/server/referral-store.ts';
import { parseReferralBody } from '../../src/server/request-body.ts';
import { parsedFixtureServices } from '../support/referral-fixtures.ts';

const message: MailMessage = {
  from: 'Passerelle <o@exemple.test>',
  to: 'service@exemple.test',
  subject: 'Demande d’orientation AB12CD34',
  text: 'texte',
  html: '<p>texte</p>',
};

describe('referral limits', () => {
  it('counts an address’s acknowledgements whatever its case and "+tag", under a digest', () => {
    expect(acknowledgementKey('Victime+1@Exemple.test')).toBe(acknowledgementKey('victime@exemple.test'));
    expect(acknowledgementKey(' victime+2@exemple.test ')).toBe(acknowledgementKey('victime@exemple.test'));
    expect(acknowledgementKey('autre@exemple.test')).not.toBe(acknowledgementKey('victime@exemple.test'));
    expect(acknowledgementKey('victime@exemple.test')).not.toContain('victime');
  });

  it('leaves one client a fifth of a service’s hourly allowance, never all of it', () => {
    expect(messagesPerClientPerServicePerHour(REFERRAL_ABUSE_LIMITS.messagesPerServicePerHour)).toBe(4);
    for (const limit of [2, 5, 20, 100]) expect(messagesPerClientPerServicePerHour(limit)).toBeLessThan(limit);
  });

  it('keeps refusing a limited client while 50,000 other clients come in the same minute', async () => {
    const { client } = createReferralLimiters({ requestsPerClientPerMinute: 2 });
    for (let i = 0; i < 3; i++) await client.hit('limité');
    expect(await client.hit('limité')).toMatchObject({ allowed: false });
    for (let i = 0; i < 50_000; i++) await client.hit(`autre-${i}`);
    expect(await client.hit('limité')).toEqual({ allowed: false, retryAfterSeconds: expect.any(Number) });
    // Fifty thousand counters take a second or two, longer under load: this is not a speed test.
  }, 60_000);

  it('lets requests through and says so when its store fails', async () => {
    const errors: unknown[] = [];
    // A client that never connected: rate-limiter-flexible refuses to use it.
    const broken = { isReady: false } as unknown as RedisClientType;
    const { client } = createReferralLimiters(
      { requestsPerClientPerMinute: 1 },
      { redis: broken, onStoreError: (error) => errors.push(error) },
    );
    expect(await client.hit('a')).toEqual({ allowed: true });
    expect(await client.hit('a')).toEqual({ allowed: true });
    expect(errors).toHaveLength(2);
  });
});

const request = (body: string, contentType: string, headers: Record<string, string> = {}) =>
  new Request('http://localhost/api/orientation', { method: 'POST', headers: { 'Content-Type': contentType, ...headers }, body });

describe('request body', () => {
  it('stops reading past the limit, even without Content-Length', async () => {
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 100; i++) controller.enqueue(new TextEncoder().encode('x'.repeat(1024)));
        controller.close();
      },
    });
    const streamed = new Request('http://localhost/', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(await parseReferralBody(streamed, 16 * 1024)).toMatchObject({ ok: false, status: 413 });
  });

  it('accepts JSON and the form, refuses other types, invalid JSON and forbidden keys', async () => {
    expect(await parseReferralBody(request('{"a":1}', 'application/json; charset=utf-8'), 1024)).toEqual({
      ok: true,
      format: 'json',
      data: { a: 1 },
    });
    const form = await parseReferralBody(request('kind=espace-rencontre&kind=autre', 'application/x-www-form-urlencoded'), 1024);
    expect(form.ok && form.format === 'form' && { ...form.fields }).toEqual({ kind: 'espace-rencontre' });
    expect(await parseReferralBody(request('{}', 'text/plain'), 1024)).toMatchObject({ ok: false, status: 415 });
    expect(await parseReferralBody(request('multipart', 'multipart/form-data; boundary=x'), 1024)).toMatchObject({
      ok: false,
      status: 415,
    });
    expect(await parseReferralBody(request('{"a":', 'application/json'), 1024)).toMatchObject({ ok: false, status: 422 });
    expect(await parseReferralBody(request('[1]', 'application/json'), 1024)).toMatchObject({ ok: false, status: 422 });
    expect(await parseReferralBody(request('{"a":{"constructor":{"prototype":1}}}', 'application/json'), 1024)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/« constructor »/),
    });
    expect(await parseReferralBody(request('__proto__=1', 'application/x-www-form-urlencoded'), 1024)).toMatchObject({
      ok: false,
      status: 422,
    });
  });
});

describe('outbox transport', () => {
  it('writes each message once, atomically, refuses another content under its key, and logs only its path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'passerelle-outbox-test-'));
    const lines: string[] = [];
    const outbox = new OutboxTransport({ dir, log: (line) => lines.push(line) });
    const options = { idempotencyKey: 'passerelle-orientation/abc/service', deadline: Date.now() + 1000 };
    const first = await outbox.send(message, options);
    const again = await outbox.send({ ...message }, options);
    expect(again).toEqual(first);
    expect(await outbox.send({ ...message, text: 'autre' }, options)).toMatchObject({ ok: false, keyReusedWithOtherContent: true });
    expect(readdirSync(dir)).toEqual(['passerelle-orientation_abc_service.json']);
    expect(JSON.parse(readFileSync(join(dir, 'passerelle-orientation_abc_service.json'), 'utf8'))).toMatchObject({
      to: 'service@exemple.test',
      text: 'texte',
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(dir);
    expect(lines[0]).not.toContain('texte');
  });

  it('writes a message’s attachments in its JSON and each beside it, once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'passerelle-outbox-test-'));
    const outbox = new OutboxTransport({ dir, log: () => {} });
    const options = { idempotencyKey: 'contribution-abc', deadline: Date.now() + 1000 };
    const attached = { ...message, attachments: [{ filename: 'service-fictif.yaml', content: 'name: Service fictif\n' }] };
    expect(await outbox.send(attached, options)).toMatchObject({ ok: true });
    expect(await outbox.send({ ...attached }, options)).toMatchObject({ ok: true });
    expect(readdirSync(dir).sort()).toEqual(['contribution-abc.json', 'contribution-abc.service-fictif.yaml']);
    expect(readFileSync(join(dir, 'contribution-abc.service-fictif.yaml'), 'utf8')).toBe('name: Service fictif\n');
    expect(JSON.parse(readFileSync(join(dir, 'contribution-abc.json'), 'utf8'))).toMatchObject({ attachments: attached.attachments });
    expect(
      await outbox.send({ ...attached, attachments: [{ filename: 'service-fictif.yaml', content: 'name: Autre\n' }] }, options),
    ).toMatchObject({ ok: false, keyReusedWithOtherContent: true });
  });

  it('makes its folder private even when it existed before, and deletes at start the temporary file a crash left', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'passerelle-outbox-test-'));
    chmodSync(dir, 0o755);
    const orphan = join(dir, `.${crypto.randomUUID()}.tmp`);
    writeFileSync(orphan, '');
    const twoMinutesAgo = new Date(Date.now() - 2 * 60 * 1000);
    utimesSync(orphan, twoMinutesAgo, twoMinutesAgo);
    // A write in progress (just made) is left alone.
    const inProgress = join(dir, `.${crypto.randomUUID()}.tmp`);
    writeFileSync(inProgress, '');
    const stop = startOutboxRetention(dir, { everyMs: 60_000 });
    await expect.poll(() => existsSync(orphan)).toBe(false);
    stop();
    expect(existsSync(inProgress)).toBe(true);
    await new OutboxTransport({ dir, log: () => undefined }).send(message, { idempotencyKey: 'k', deadline: Date.now() + 1000 });
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, 'k.json')).mode & 0o777).toBe(0o600);
  });

  it('removes messages past the retention period', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'passerelle-outbox-test-'));
    const outbox = new OutboxTransport({ dir, log: () => undefined });
    await outbox.send(message, { idempotencyKey: 'k', deadline: Date.now() + 1000 });
    expect(await outbox.purge(Date.now())).toBe(0);
    expect(await outbox.purge(Date.now() + 15 * 24 * 60 * 60 * 1000)).toBe(1);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('purges at start, then on a timer, without a message being written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'passerelle-outbox-test-'));
    const aged = (name: string): void => {
      writeFileSync(join(dir, name), '{}');
      const fifteenDaysAgo = new Date(Date.now() - 15 * 24 * 60 * 60 * 1000);
      utimesSync(join(dir, name), fifteenDaysAgo, fifteenDaysAgo);
    };
    aged('ancien.json');
    writeFileSync(join(dir, 'recent.json'), '{}');
    const stop = startOutboxRetention(dir, { everyMs: 50 });
    await expect.poll(() => readdirSync(dir)).toEqual(['recent.json']);
    aged('ancien-2.json');
    await expect.poll(() => readdirSync(dir)).toEqual(['recent.json']);
    stop();
    // A folder not created yet is no error.
    startOutboxRetention(join(dir, 'absent'), { log: () => expect.unreachable() })();
  });
});

describe('Resend transport', () => {
  const statuses: number[] = [];
  /** Error names answered with the next error statuses ("x" when none is given). */
  const names: string[] = [];
  const seen: { key: string | undefined; to: unknown }[] = [];
  /** The attachments of each request, as the API received them. */
  const attachmentsSeen: unknown[] = [];
  let url = '';
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const status = statuses.shift() ?? 200;
      const json = JSON.parse(body) as { to: unknown; attachments?: unknown };
      seen.push({ key: req.headers['idempotency-key'] as string | undefined, to: json.to });
      attachmentsSeen.push(json.attachments);
      res
        .writeHead(status, { 'Content-Type': 'application/json' })
        .end(JSON.stringify(status === 200 ? { id: 'e-1' } : { statusCode: status, name: names.shift() ?? 'x', message: 'simulé' }));
    });
  });
  beforeAll(async () => {
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  it('retries 429 and 5xx with the same idempotency key, not a 422', async () => {
    const resend = new ResendTransport({ apiKey: 're_test', baseUrl: url, baseDelayMs: 5 });
    statuses.push(429, 503);
    seen.length = 0;
    expect(await resend.send(message, { idempotencyKey: 'cle-1', deadline: Date.now() + 2000 })).toEqual({ ok: true, id: 'e-1' });
    expect(seen).toEqual([
      { key: 'cle-1', to: ['service@exemple.test'] },
      { key: 'cle-1', to: ['service@exemple.test'] },
      { key: 'cle-1', to: ['service@exemple.test'] },
    ]);
    statuses.push(422);
    seen.length = 0;
    expect(await resend.send(message, { idempotencyKey: 'cle-2', deadline: Date.now() + 2000 })).toMatchObject({ ok: false });
    expect(seen).toHaveLength(1);
    expect(isRetryable(null, 'application_error')).toBe(true);
    expect(isRetryable(401)).toBe(false);
  });

  it('retries a concurrent request under the same key, and reports a key already used with another content without retrying', async () => {
    const resend = new ResendTransport({ apiKey: 're_test', baseUrl: url, baseDelayMs: 5 });
    names.push('concurrent_idempotent_requests');
    statuses.push(409);
    seen.length = 0;
    expect(await resend.send(message, { idempotencyKey: 'cle-4', deadline: Date.now() + 2000 })).toEqual({ ok: true, id: 'e-1' });
    expect(seen).toHaveLength(2);
    names.push('invalid_idempotent_request');
    statuses.push(409);
    seen.length = 0;
    expect(await resend.send(message, { idempotencyKey: 'cle-5', deadline: Date.now() + 2000 })).toMatchObject({
      ok: false,
      keyReusedWithOtherContent: true,
    });
    expect(seen).toHaveLength(1);
  });

  it('sends an attachment as Resend expects it: its name, its type, its UTF-8 bytes in base64', async () => {
    const resend = new ResendTransport({ apiKey: 're_test', baseUrl: url, baseDelayMs: 5 });
    const yaml = 'name: Médiation « fictive »\nkinds:\n  - mediation-familiale\n';
    attachmentsSeen.length = 0;
    expect(
      await resend.send(
        { ...message, attachments: [{ filename: 'service-fictif.yaml', content: yaml, contentType: 'application/yaml; charset=utf-8' }] },
        { idempotencyKey: 'cle-pj', deadline: Date.now() + 2000 },
      ),
    ).toEqual({ ok: true, id: 'e-1' });
    const [sent] = attachmentsSeen as { filename: string; content: string; content_type: string }[][];
    expect(sent).toHaveLength(1);
    expect(sent?.[0]).toMatchObject({ filename: 'service-fictif.yaml', content_type: 'application/yaml; charset=utf-8' });
    expect(Buffer.from(sent?.[0]?.content ?? '', 'base64').toString('utf8')).toBe(yaml);
    attachmentsSeen.length = 0;
    await resend.send(message, { idempotencyKey: 'cle-sans-pj', deadline: Date.now() + 2000 });
    expect(attachmentsSeen).toEqual([undefined]);
  });

  it('gives up when the time budget is spent', async () => {
    const resend = new ResendTransport({ apiKey: 're_test', baseUrl: url, baseDelayMs: 50 });
    statuses.push(...Array<number>(50).fill(500));
    const started = Date.now();
    const result = await resend.send(message, { idempotencyKey: 'cle-3', deadline: Date.now() + 300 });
    statuses.length = 0;
    expect(result).toMatchObject({ ok: false, reason: expect.stringMatching(/délai/) });
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('handleReferral', () => {
  const services = parsedFixtureServices();
  const requester = { role: 'parent', name: 'Camille Testeuse', email: 'camille@exemple.test', phone: '06 12 34 56 78' };
  const json = (change: Record<string, unknown> = {}) =>
    JSON.stringify({
      violence: 'non',
      kind: 'espace-rencontre',
      communeCode: '62263',
      requester,
      courtDecision: { type: 'jaf' },
      message: 'Message confidentiel de la famille.',
      consent: true,
      submissionId: crypto.randomUUID(),
      ...change,
    });
  function deps(
    transport: MailTransport,
    {
      limits = {},
      clock,
      log = () => undefined,
    }: { limits?: Partial<ReferralAbuseLimits>; clock?: () => number; log?: (line: string) => void } = {},
  ): ReferralDependencies {
    return {
      services: () => Promise.resolve(services),
      transport,
      mailFrom: 'Passerelle <o@exemple.test>',
      limiters: createReferralLimiters({ requestsPerClientPerMinute: 100, ...limits }),
      ledger: new SubmissionLedger<RememberedOutcome>(new MemorySubmissionStore(clock ? { now: clock } : {}), clock ? { now: clock } : {}),
      log,
      ...(clock ? { now: clock } : {}),
    };
  }
  const recording = (results: SendResult[] = []) => {
    const sent: MailMessage[] = [];
    return {
      sent,
      transport: {
        name: 'outbox' as const,
        send: (m: MailMessage) => Promise.resolve((sent.push(m), results.shift() ?? { ok: true as const, id: String(sent.length) })),
      },
    };
  };
  const post = (body: string, d: ReferralDependencies, client = 'c') => handleReferral(request(body, 'application/json'), client, d);

  it('sends the service message then the acknowledgement, once for a repeated submission', async () => {
    const { sent, transport } = recording();
    const d = deps(transport);
    const body = json();
    const first = await post(body, d);
    const again = await post(body, d);
    expect(first.outcome).toEqual(again.outcome);
    expect(first.outcome).toMatchObject({
      status: 200,
      body: { status: 'envoyee', acknowledgement: 'envoye', service: { id: 'test-espace-rencontre-arras' } },
    });
    expect(sent.map((m) => m.to)).toEqual(['orientation-er-arras@exemple.test', 'camille@exemple.test']);
    expect(sent[1]?.from).toBe('Passerelle <o@exemple.test>');
  });

  it('answers 503 with the service’s phone when the service message fails, and sends the very same message on a retry a minute later', async () => {
    let clock = Date.parse('2026-11-25T09:59:30Z');
    const { sent, transport } = recording([{ ok: false, reason: 'panne' }]);
    const d = deps(transport, { clock: () => clock });
    const body = json();
    const failed = await post(body, d);
    expect(failed.outcome).toMatchObject({
      status: 503,
      body: { status: 'echec-envoi', error: expect.stringMatching(/03 21 00 00 01/), service: { phone: '03 21 00 00 01' } },
    });
    expect(sent).toHaveLength(1);
    clock += 60_000;
    const retried = await post(body, d);
    expect(retried.outcome.status).toBe(200);
    expect(sent.map((m) => m.to)).toEqual([
      'orientation-er-arras@exemple.test',
      'orientation-er-arras@exemple.test',
      'camille@exemple.test',
    ]);
    // Same bytes under the same key: Resend answers the retry like the first request instead of 409.
    expect(sent[1]).toEqual(sent[0]);
    expect(sent[0]?.text).toContain('25 novembre 2026 à 10:59');
    expect(sent[2]?.text).toContain('25 novembre 2026 à 10:59');
  });

  it('refuses a changed request under a submission already sent (409, nothing sent), and sends a corrected one after a failure', async () => {
    const { sent, transport } = recording([{ ok: false, reason: 'panne' }]);
    const d = deps(transport);
    const submissionId = crypto.randomUUID();
    expect((await post(json({ submissionId }), d)).outcome.status).toBe(503);
    const corrected = await post(json({ submissionId, message: 'Message corrigé.' }), d);
    expect(corrected.outcome).toMatchObject({ status: 200, body: { status: 'envoyee' } });
    expect(sent[1]?.text).toContain('Message corrigé.');
    const count = sent.length;
    const changed = await post(json({ submissionId, message: 'Encore une autre version.' }), d);
    expect(changed.outcome).toMatchObject({
      status: 409,
      body: {
        status: 'deja-envoyee',
        reference: submissionId.replace(/-/g, '').slice(0, 8).toUpperCase(),
        error: expect.stringMatching(/déjà été envoyée.*03 21 00 00 01/),
        service: { id: 'test-espace-rencontre-arras' },
      },
    });
    expect(sent).toHaveLength(count);
    expect((await post(json({ submissionId, message: 'Message corrigé.' }), d)).outcome).toEqual(corrected.outcome);
  });

  it('answers 409 when the provider already sent another message under the key (the ledger was lost: Redis emptied), and counts such an acknowledgement as sent', async () => {
    const reused: SendResult = { ok: false, reason: 'Resend 409 invalid_idempotent_request', keyReusedWithOtherContent: true };
    const serviceReused = recording([reused]);
    expect((await post(json(), deps(serviceReused.transport))).outcome).toMatchObject({ status: 409, body: { status: 'deja-envoyee' } });
    const ackReused = recording([{ ok: true, id: '1' }, reused]);
    expect((await post(json(), deps(ackReused.transport))).outcome).toMatchObject({ status: 200, body: { acknowledgement: 'envoye' } });
  });

  it('answers 200 when only the acknowledgement fails, saying so', async () => {
    const { transport } = recording([
      { ok: true, id: '1' },
      { ok: false, reason: 'panne' },
    ]);
    const handled = await post(json(), deps(transport));
    expect(handled.outcome).toMatchObject({ status: 200, body: { acknowledgement: 'echec' } });
  });

  it('sends at most N acknowledgements an hour to one address, "+tag" or not, still sending the requests to the service', async () => {
    let clock = Date.parse('2026-11-25T10:00:00Z');
    // The counters read the system clock.
    vi.useFakeTimers({ toFake: ['Date'], now: clock });
    onTestFinished(() => void vi.useRealTimers());
    const { sent, transport } = recording();
    const d = deps(transport, { limits: { acknowledgementsPerAddressPerHour: 2 }, clock: () => clock });
    const acknowledgements: unknown[] = [];
    for (const email of ['camille@exemple.test', 'Camille+1@Exemple.test ', 'camille+2@exemple.test']) {
      const handled = await post(json({ requester: { ...requester, email } }), d);
      acknowledgements.push(
        handled.outcome.status === 200 && handled.outcome.body.status === 'envoyee' && handled.outcome.body.acknowledgement,
      );
    }
    expect(acknowledgements).toEqual(['envoye', 'envoye', 'limite']);
    expect(sent.filter((m) => m.to.startsWith('orientation-'))).toHaveLength(3);
    expect(sent.filter((m) => !m.to.startsWith('orientation-'))).toHaveLength(2);
    expect((await post(json({ requester: { ...requester, email: 'autre@exemple.test' } }), d)).outcome).toMatchObject({
      body: { acknowledgement: 'envoye' },
    });
    clock += 2 * 60 * 60 * 1000;
    vi.setSystemTime(clock);
    expect((await post(json(), d)).outcome).toMatchObject({ body: { acknowledgement: 'envoye' } });
  });

  it('sends at most N messages an hour to one service, then answers 429 with its phone', async () => {
    const { sent, transport } = recording();
    const d = deps(transport, { limits: { messagesPerServicePerHour: 2 } });
    expect((await post(json(), d, '192.0.2.1')).outcome.status).toBe(200);
    expect((await post(json(), d, '192.0.2.2')).outcome.status).toBe(200);
    const count = sent.length;
    const refused = await post(json(), d, '192.0.2.3');
    expect(refused.outcome).toMatchObject({
      status: 429,
      retryAfterSeconds: expect.any(Number),
      body: {
        status: 'refusee',
        error: expect.stringMatching(/Le service .* a reçu trop de demandes.*03 21 00 00 01/),
        service: { phone: '03 21 00 00 01' },
      },
    });
    expect(sent).toHaveLength(count);
    // Another service is not affected.
    expect((await post(json({ communeCode: '62498', courtDecision: { type: 'aucune' } }), d, '192.0.2.3')).outcome).toMatchObject({
      status: 200,
      body: { service: { id: 'test-espace-rencontre-lens' } },
    });
  });

  it('leaves a service reachable by others after 20 requests from one client (the default limits)', async () => {
    const { sent, transport } = recording();
    const d = { ...deps(transport), limiters: createReferralLimiters() };
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push((await post(json(), d, '2001:db8:1:2::1')).outcome.status);
    const share = messagesPerClientPerServicePerHour(REFERRAL_ABUSE_LIMITS.messagesPerServicePerHour);
    expect(statuses.filter((status) => status === 200)).toHaveLength(share);
    expect(statuses.filter((status) => status === 429)).toHaveLength(20 - share);
    const refused = await post(json(), d, '2001:db8:1:2::99');
    expect(refused.outcome).toMatchObject({ status: 429, body: { error: expect.stringMatching(/depuis votre connexion/) } });
    const family = await post(json({ requester: { ...requester, email: 'famille@exemple.test' } }), d, '198.51.100.7');
    expect(family.outcome).toMatchObject({ status: 200, body: { status: 'envoyee', service: { id: 'test-espace-rencontre-arras' } } });
    expect(sent.filter((m) => m.to === 'orientation-er-arras@exemple.test')).toHaveLength(share + 1);
  });

  it('counts IPv6 clients by /64', async () => {
    const { transport } = recording();
    const d = deps(transport, { limits: { requestsPerClientPerMinute: 2 } });
    const invalid = JSON.stringify({});
    expect((await post(invalid, d, '2001:db8:0:1::1')).outcome.status).toBe(422);
    expect((await post(invalid, d, '2001:db8:0:1:ffff::2')).outcome.status).toBe(422);
    expect((await post(invalid, d, '2001:db8:0:1::3')).outcome.status).toBe(429);
    expect((await post(invalid, d, '2001:db8:0:2::1')).outcome.status).toBe(422);
  });

  it('never writes the requester’s name, address, phone or message in the log', async () => {
    const lines: string[] = [];
    const log = (line: string): void => void lines.push(line);
    const reused: SendResult = { ok: false, reason: 'Resend 409 invalid_idempotent_request', keyReusedWithOtherContent: true };
    const { transport } = recording([{ ok: false, reason: 'panne' }, { ok: true, id: '1' }, { ok: false, reason: 'panne' }, reused]);
    const d = deps(transport, { log, limits: { acknowledgementsPerAddressPerHour: 1, messagesPerServicePerHour: 4 } });
    const submissionId = crypto.randomUUID();
    await post(json({ submissionId }), d);
    await post(json({ submissionId }), d);
    await post(json({ submissionId, message: 'Autre version.' }), d);
    await post(json(), d);
    await post(json(), d);
    await post(json(), d);
    expect(lines.length).toBeGreaterThan(4);
    for (const secret of ['Camille', 'camille@exemple.test', '06 12 34 56 78', '0612345678', 'Message confidentiel', 'Autre version']) {
      expect(lines.join('\n')).not.toContain(secret);
    }
  });

  it('keeps the posted form fields (never the honeypot) and refuses a robot first', async () => {
    const { sent, transport } = recording();
    const fields = new URLSearchParams({
      violence: 'non',
      kind: 'espace-rencontre',
      commune: 'Dainville',
      'requester.name': 'Camille',
      startedAt: String(Date.now()),
      confirmation_site: '',
    });
    const handled = await handleReferral(request(fields.toString(), 'application/x-www-form-urlencoded'), 'c', deps(transport));
    expect(handled.format).toBe('form');
    expect(handled.outcome).toMatchObject({ status: 422, body: { errors: { _form: expect.stringMatching(/trop vite/) } } });
    expect(handled.fields && Object.keys(handled.fields)).not.toContain('confirmation_site');
    expect(handled.fields?.['requester.name']).toBe('Camille');
    expect(sent).toHaveLength(0);
  });

  it('shows a form whose start time the server did not write again without it, so that the page gives a new one', async () => {
    const { sent, transport } = recording();
    const fields = new URLSearchParams({
      violence: 'non',
      kind: 'espace-rencontre',
      commune: 'Dainville',
      'requester.name': 'Camille',
      startedAt: '1',
      confirmation_site: '',
    });
    const handled = await handleReferral(request(fields.toString(), 'application/x-www-form-urlencoded'), 'c', deps(transport));
    expect(handled.outcome).toMatchObject({
      status: 422,
      body: { errors: { _form: expect.stringMatching(/ouvert il y a trop longtemps/) } },
    });
    expect(handled.fields?.['requester.name']).toBe('Camille');
    expect(handled.fields && Object.keys(handled.fields)).not.toContain('startedAt');
    expect(sent).toHaveLength(0);
  });

  it('uses withSender to put our display name, never user text, in From', () => {
    const built = withSender(
      { to: 'a@exemple.test', fromName: 'Passerelle "x"\r\n', subject: 's', text: 't', html: 'h' },
      'Autre <o@exemple.test>',
    );
    expect(built.from).toBe('Passerelle x <o@exemple.test>');
  });
});
