import { describe, expect, it } from 'vitest';
import {
  escapeHtml,
  referralReference,
  renderAcknowledgementEmail,
  renderServiceEmail,
  type ReferralContext,
} from '../../src/lib/referral/referral-email.ts';
import { messageIdempotencyKey, SubmissionLedger, type LedgerRun } from '../../src/lib/referral/referral-idempotency.ts';
import { MemorySubmissionStore } from '../../src/server/referral-store.ts';
import { routeReferral } from '../../src/lib/referral/referral-routing.ts';
import { validateReferral } from '../../src/lib/referral/referral-schema.ts';
import { parsedFixtureServices, validReferralRequest } from '../support/referral-fixtures.ts';

const submissionId = '3f1c2a8e-7d4b-4c1e-9a2f-0b1c2d3e4f50';
function context(change: Record<string, unknown> = {}): ReferralContext {
  const result = validateReferral(
    validReferralRequest({
      requester: { role: 'parent', name: 'Camille "Cam" & Cie', email: 'camille@exemple.test', phone: '06 12 34 56 78' },
      childrenAges: [1, 9],
      message: '<script>alert("x")</script>\nLigne <b>1</b>\nLigne "2"',
      submissionId,
      ...change,
    }),
  );
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  const routing = routeReferral(parsedFixtureServices(), result.request);
  if (routing.status !== 'routed') throw new Error('routage inattendu');
  return {
    request: result.request,
    target: routing.target,
    communeName: routing.commune.name,
    receivedAt: new Date('2026-11-25T10:00:00Z'),
    chosenByRequester: false,
  };
}

describe('referral emails', () => {
  it('escapes every user string in the HTML and keeps the text readable', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
    const mail = renderServiceEmail(context());
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).not.toContain('<b>1</b>');
    expect(mail.html).toContain('Camille &quot;Cam&quot; &amp; Cie');
    expect(mail.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;<br>Ligne &lt;b&gt;1&lt;/b&gt;<br>Ligne &quot;2&quot;');
    expect(mail.text).toContain('<script>alert("x")</script>\nLigne <b>1</b>');
  });

  it('sends the service everything it needs, and nothing sensitive in the subject', () => {
    const mail = renderServiceEmail(context());
    expect(mail.to).toBe('orientation-er-arras@exemple.test');
    expect(mail.replyTo).toBe('camille@exemple.test');
    expect(mail.subject).toBe(`Demande d’orientation ${referralReference(submissionId)}`);
    expect(mail.subject).not.toMatch(/Camille|script|violence|rencontre/i);
    for (const fact of [
      '06 12 34 56 78',
      'camille@exemple.test',
      'Dainville',
      '15 mars 2026',
      '1 an, 9 ans',
      'Décision du juge aux affaires familiales',
    ]) {
      expect(mail.text).toContain(fact);
    }
  });

  it('flags violence, and a mailbox that is not safe', () => {
    const unsafe = renderServiceEmail(
      context({
        violence: 'oui',
        requester: { role: 'parent', name: 'Camille', email: 'c@exemple.test', phone: '0612345678', noEmail: true },
      }),
    );
    expect(unsafe.replyTo).toBeUndefined();
    expect(unsafe.text).not.toContain('c@exemple.test');
    expect(unsafe.text).toMatch(/NE PAS CONTACTER PAR E-MAIL/);
    expect(unsafe.text).toMatch(/Des violences sont signalées/);
    expect(
      renderAcknowledgementEmail(
        context({ requester: { role: 'parent', name: 'Camille', email: 'c@exemple.test', phone: '0612345678', noEmail: true } }),
      ),
    ).toBeUndefined();
  });

  it('acknowledges with a neutral sender and subject, repeating nothing the person wrote', () => {
    const ack = renderAcknowledgementEmail(context());
    expect(ack?.to).toBe('camille@exemple.test');
    expect(ack?.fromName).toBe('Passerelle');
    expect(ack?.subject).toBe('Confirmation de votre demande');
    expect(ack?.text).toContain('03 21 00 00 01');
    expect(ack?.text).toContain('3919');
    expect(ack?.text).not.toMatch(/script|Ligne|Camille|06 12/);
    expect(renderAcknowledgementEmail(context({ requester: { role: 'parent', name: 'Camille', phone: '0612345678' } }))).toBeUndefined();
  });
});

describe('referral idempotency', () => {
  it('gives each message of a submission its own stable key', () => {
    expect(messageIdempotencyKey(submissionId.toUpperCase(), 'service')).toBe(`passerelle-orientation/${submissionId}/service`);
    expect(messageIdempotencyKey(submissionId, 'accuse')).not.toBe(messageIdempotencyKey(submissionId, 'service'));
  });

  const replayed = (run: LedgerRun<unknown>): boolean | 'changed' => (run.status === 'done' ? run.replayed : 'changed');

  it('runs concurrent duplicates once and replays a success', async () => {
    const ledger = new SubmissionLedger<string>(new MemorySubmissionStore());
    let runs = 0;
    const work = async () => {
      runs++;
      await new Promise((r) => setTimeout(r, 20));
      return { value: `envoi ${runs}`, keep: true };
    };
    const [a, b] = await Promise.all([ledger.run('k', 'même', work), ledger.run('k', 'même', work)]);
    const c = await ledger.run('k', 'même', work);
    expect(runs).toBe(1);
    expect([a.value, b.value, c.value]).toEqual(['envoi 1', 'envoi 1', 'envoi 1']);
    expect([a, b, c].map(replayed)).toEqual([false, true, true]);
  });

  it('runs a failed submission again, with the time of its first arrival, and forgets it after its time', async () => {
    let clock = 1000;
    const ledger = new SubmissionLedger<string>(new MemorySubmissionStore({ now: () => clock }), { ttlMs: 1000, now: () => clock });
    const arrivals: number[] = [];
    const failing = (receivedAt: number) =>
      Promise.resolve((arrivals.push(receivedAt), { value: `échec ${arrivals.length}`, keep: false }));
    await ledger.run('k', 'a', failing);
    clock = 1500;
    expect((await ledger.run('k', 'a', failing)).value).toBe('échec 2');
    // A corrected request after a failure is sent: nothing reached the service yet.
    clock = 1600;
    expect(
      (await ledger.run('k', 'b', (receivedAt) => Promise.resolve((arrivals.push(receivedAt), { value: 'ok', keep: true })))).value,
    ).toBe('ok');
    expect(arrivals).toEqual([1000, 1000, 1000]);
    expect((await ledger.run('k', 'b', failing)).value).toBe('ok');
    clock = 2601;
    expect((await ledger.run('k', 'b', failing)).value).toBe('échec 4');
    expect(arrivals.at(-1)).toBe(2601);
  });

  it('refuses another request under a submission that succeeded, and makes one wait for a run in progress', async () => {
    const ledger = new SubmissionLedger<string>(new MemorySubmissionStore());
    let release = (): void => undefined;
    let started = (): void => undefined;
    const begun = new Promise<void>((done) => (started = done));
    const slow = (receivedAt: number) =>
      new Promise<{ value: string; keep: boolean }>((done) => {
        release = () => done({ value: `envoyée ${receivedAt > 0}`, keep: true });
        started();
      });
    const first = ledger.run('k', 'a', slow);
    const changed = ledger.run('k', 'b', () => Promise.resolve({ value: 'jamais', keep: true }));
    await begun;
    release();
    expect(await first).toEqual({ status: 'done', value: 'envoyée true', replayed: false });
    expect(await changed).toEqual({ status: 'changed', value: 'envoyée true' });
    expect(await ledger.run('k', 'b', () => Promise.resolve({ value: 'jamais', keep: true }))).toEqual({
      status: 'changed',
      value: 'envoyée true',
    });
  });

  it('keeps a bounded number of submissions, the oldest going first', async () => {
    const store = new MemorySubmissionStore<number>({ maxEntries: 3 });
    const ledger = new SubmissionLedger<number>(store);
    for (let i = 0; i < 5; i++) await ledger.run(`k${i}`, 'a', () => Promise.resolve({ value: i, keep: true }));
    expect(store.size).toBe(3);
    expect(replayed(await ledger.run('k0', 'a', () => Promise.resolve({ value: 99, keep: true })))).toBe(false);
    expect((await ledger.run('k4', 'a', () => Promise.resolve({ value: 99, keep: true }))).value).toBe(4);
  });
});
