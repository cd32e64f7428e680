/**
 * The referral form end to end, against the built server on fixture services, with the real `resend`
 * SDK talking to a local recording stand-in for the Resend API (RESEND_BASE_URL).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { phoneHref } from '../../src/lib/services/service-format.ts';
import { NEAR_DISTANCE_KM } from '../../src/lib/services/service-reach.ts';
import { axeViolations, openHermeticPage } from '../support/browser.ts';
import { browserForFile } from '../support/file-browser.ts';
import { redisUnavailable, startTestRedis, type TestRedis } from '../support/redis-server.ts';
import { serveSite, startRecordingResend, type RecordingResend, type ServedSite } from '../support/referral-site.ts';
import { buildTrustSite } from '../support/trust-site.ts';

const browser = browserForFile();
let resend: RecordingResend;
let site: ServedSite;
let outDir: string;

const SERVICE_ADDRESS = 'orientation-er-arras@exemple.test';
const FAMILY_ADDRESS = 'camille@exemple.test';
const FAMILY_PHONE = '06 12 34 56 78';

beforeAll(async () => {
  // The referral fixtures, in the site the trust suites share (one build for all of them).
  outDir = await buildTrustSite();
  resend = await startRecordingResend();
  site = await serveSite(outDir, resendEnv());
}, 240_000);

/**
 * The served site's settings: the real SDK sends to the stand-in, and the limits are raised (the tests
 * send many requests from one address, to one service, with one requester address).
 */
const resendEnv = (): Record<string, string> => ({
  RESEND_API_KEY: 're_test_cle_factice',
  RESEND_BASE_URL: resend.url,
  REFERRAL_RATE_LIMIT: '1000',
  REFERRAL_ACK_LIMIT: '1000',
  REFERRAL_SERVICE_LIMIT: '1000',
});

afterAll(async () => {
  await site?.stop();
  await resend?.close();
});

beforeEach(() => resend.reset());

const recipients = () => resend.accepted().map((request) => (request.body.to as string[]).join(','));

/** Waits until the island has hydrated. */
const hydrated = (page: Page) => page.locator('.referral-violence-help[data-hydrated]').waitFor({ state: 'attached' });

/** Waits until the form has been open long enough for the minimum fill time. */
async function waitForFillTime(page: Page): Promise<void> {
  const startedAt = Number(await page.locator('input[name="startedAt"]').inputValue());
  const wait = startedAt + 3100 - Date.now();
  if (wait > 0) await page.waitForTimeout(wait);
}

async function fillForm(
  page: Page,
  { consent = true, message = 'Bonjour, nous cherchons un lieu pour les rencontres du samedi.' } = {},
): Promise<void> {
  await page.getByLabel('Non', { exact: true }).check();
  await page.getByLabel('Espace de rencontre', { exact: true }).check();
  await page.getByLabel('Commune où vivent les enfants').fill('Dainville');
  await page.getByLabel('Vous êtes').selectOption('parent');
  await page.getByLabel('Décision du juge aux affaires familiales (JAF)').check();
  await page.getByLabel('Date de la décision, si vous la connaissez').fill('2026-03-15');
  await page.getByLabel('Âge des enfants concernés').fill('4, 9');
  await page.getByLabel('Votre nom ou votre prénom').fill('Camille');
  await page.getByLabel('Téléphone', { exact: true }).fill(FAMILY_PHONE);
  await page.getByLabel('Adresse e-mail').fill(FAMILY_ADDRESS);
  await page.getByLabel('Votre message (facultatif)').fill(message);
  if (consent) await page.getByLabel('J’accepte que ces informations soient transmises au service').check();
}

/** A valid JSON request; `change` replaces top-level fields. */
function jsonRequest(change: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    violence: 'non',
    kind: 'espace-rencontre',
    communeCode: '62263',
    requester: { role: 'parent', name: 'Camille', email: FAMILY_ADDRESS, phone: FAMILY_PHONE },
    courtDecision: { type: 'jaf', date: '2026-03-15' },
    childrenAges: [4, 9],
    message: 'Bonjour',
    consent: true,
    submissionId: randomUUID(),
    ...change,
  };
}

function post(body: string, contentType: string, baseUrl = site.baseUrl): Promise<Response> {
  return fetch(`${baseUrl}/api/orientation`, {
    method: 'POST',
    headers: { 'Content-Type': contentType, Origin: baseUrl, Accept: 'application/json' },
    body,
  });
}

describe('referral form without JavaScript', () => {
  // axe needs JavaScript in the page: the accessibility checks run in the JavaScript suite below.
  it('keeps what was typed with errors beside the fields, then sends one email to the service and one acknowledgement', async () => {
    const { page, context, consoleErrors } = await openHermeticPage(browser, site.baseUrl, { javaScriptEnabled: false });
    await page.goto(`${site.baseUrl}/orienter/?service=test-espace-rencontre-arras`);
    expect(await page.locator('.referral-field.notice').textContent()).toContain('Espace rencontre fictif d’Arras');
    expect(await page.getByText('3919', { exact: true }).isVisible()).toBe(false);
    await page.getByLabel('Oui', { exact: true }).check();
    expect(await page.getByRole('link', { name: '3919' }).isVisible()).toBe(true);

    await fillForm(page, { consent: false });
    await waitForFillTime(page);
    await page.getByRole('button', { name: 'Envoyer la demande' }).click();
    await page.waitForLoadState();
    expect(await page.locator('#referral-consent-erreur').textContent()).toMatch(/Cochez la case d’accord/);
    expect(await page.getByLabel('Votre message (facultatif)').inputValue()).toBe(
      'Bonjour, nous cherchons un lieu pour les rencontres du samedi.',
    );
    expect(await page.getByLabel('Commune où vivent les enfants').inputValue()).toBe('Dainville');
    expect(await page.getByLabel('Non', { exact: true }).isChecked()).toBe(true);
    expect(resend.requests).toHaveLength(0);

    await page.getByLabel('J’accepte que ces informations soient transmises au service').check();
    await page.getByRole('button', { name: 'Envoyer la demande' }).click();
    await page.getByRole('heading', { name: 'Votre demande a été envoyée' }).waitFor();
    expect(await page.locator('main').textContent()).toContain('Espace rencontre fictif d’Arras');
    expect(recipients().sort()).toEqual([FAMILY_ADDRESS, SERVICE_ADDRESS].sort());
    const toService = resend.accepted().find((request) => (request.body.to as string[])[0] === SERVICE_ADDRESS);
    expect(toService?.body.reply_to).toBe(FAMILY_ADDRESS);
    expect(toService?.body.subject).toMatch(/^Demande d’orientation [0-9A-F]{8}$/);
    expect(String(toService?.body.text)).toContain('rencontres du samedi');
    expect(toService?.headers['idempotency-key']).toMatch(/^passerelle-orientation\/[0-9a-f-]{36}\/service$/);
    const ack = resend.accepted().find((request) => (request.body.to as string[])[0] === FAMILY_ADDRESS);
    expect(ack?.body.subject).toBe('Confirmation de votre demande');
    expect(String(ack?.body.from)).toMatch(/^Passerelle </);
    // Chromium reports the 422 answer of the first attempt as a failed resource: that one is expected.
    expect(consoleErrors.filter((error) => !/status of 422/.test(error))).toEqual([]);
    await context.close();
  });

  it('lets a commune typed again win over an earlier choice among homonyms', async () => {
    const { page, context } = await openHermeticPage(browser, site.baseUrl, { javaScriptEnabled: false });
    await page.goto(`${site.baseUrl}/orienter/`);
    await fillForm(page);
    await page.getByLabel('Commune où vivent les enfants').fill('62000');
    await waitForFillTime(page);
    await page.getByRole('button', { name: 'Envoyer la demande' }).click();
    await page.waitForLoadState();
    expect(await page.locator('#referral-commune-erreur').textContent()).toMatch(/Plusieurs communes ont le code postal 62000/);
    await page.getByLabel(/^Dainville \(62/).check();
    await page.getByLabel('Commune où vivent les enfants').fill('Lens');
    await page.getByRole('button', { name: 'Envoyer la demande' }).click();
    await page.getByRole('heading', { name: 'Votre demande a été envoyée' }).waitFor();
    expect(await page.locator('main').textContent()).toContain('Espace rencontre fictif de Lens');
    expect(
      String(resend.accepted().find((request) => (request.body.to as string[])[0] === 'orientation-er-lens@exemple.test')?.body.text),
    ).toContain('Lens (code INSEE 62498)');
    await context.close();
  });

  it('shows the 503 page with the service’s phone number and keeps the typed text when mail keeps failing', async () => {
    resend.answerAlways(500);
    const { page, context } = await openHermeticPage(browser, site.baseUrl, { javaScriptEnabled: false });
    await page.goto(`${site.baseUrl}/orienter/`);
    await fillForm(page, { message: 'Texte à ne pas perdre.' });
    await waitForFillTime(page);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/orientation')),
      page.getByRole('button', { name: 'Envoyer la demande' }).click(),
    ]);
    expect(response.status()).toBe(503);
    await page.waitForLoadState();
    expect(await page.getByRole('alert').first().textContent()).toMatch(/n’a pas pu être envoyée.*03 21 00 00 01/s);
    expect(await page.getByLabel('Votre message (facultatif)').inputValue()).toBe('Texte à ne pas perdre.');
    expect(resend.accepted()).toHaveLength(0);
    expect(resend.requests.length).toBeGreaterThan(1);
    await context.close();
  });
});

describe('referral form with JavaScript', () => {
  it('validates as you type, shows the emergency numbers, and sends in place', async () => {
    const { page, context, consoleErrors } = await openHermeticPage(browser, site.baseUrl);
    await page.goto(`${site.baseUrl}/orienter/`);
    await hydrated(page);
    await page.getByLabel('Oui', { exact: true }).check();
    await page.getByRole('link', { name: '3919' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Adresse e-mail').fill('camille@');
    await page.getByLabel('Adresse e-mail').blur();
    expect(await page.locator('#referral-email-erreur').textContent()).toMatch(/n’est pas valide/);
    expect(await page.getByLabel('Adresse e-mail').getAttribute('aria-invalid')).toBe('true');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Votre message (facultatif)').fill('abc');
    expect(await page.locator('#referral-message-compteur').textContent()).toBe('1997 caractères restants');
    // Screen readers hear the counter near the limit only, not at every keystroke.
    const announced = page.locator('#referral-message-compteur ~ [aria-live]');
    expect(await page.locator('#referral-message-compteur').getAttribute('aria-live')).toBeNull();
    expect(await announced.textContent()).toBe('');
    await page.getByLabel('Votre message (facultatif)').fill('a'.repeat(1850));
    expect(await announced.textContent()).toBe('Il vous reste moins de 200 caractères.');
    await page.getByLabel('Votre message (facultatif)').fill('a'.repeat(2000));
    expect(await announced.textContent()).toBe('Vous avez atteint la limite de 2000 caractères.');
    await fillForm(page);
    expect(await page.locator('#referral-email-erreur').count()).toBe(0);
    await waitForFillTime(page);
    await page.getByRole('button', { name: 'Envoyer la demande' }).click();
    await page.getByRole('heading', { name: 'Votre demande a été envoyée' }).waitFor();
    expect(await page.evaluate(() => location.pathname)).toBe('/orienter/');
    expect(recipients().sort()).toEqual([FAMILY_ADDRESS, SERVICE_ADDRESS].sort());
    expect(await axeViolations(page)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('suggests communes as you type, sends the one picked as communeCode, and makes a new submission id for another request', async () => {
    const { page, context, consoleErrors } = await openHermeticPage(browser, site.baseUrl);
    await page.goto(`${site.baseUrl}/orienter/`);
    await hydrated(page);
    await fillForm(page);
    const commune = page.getByLabel('Commune où vivent les enfants');
    await commune.fill('');
    await commune.pressSequentially('dainvil');
    await page.getByRole('option', { name: /^Dainville \(62000\)/ }).click();
    expect(await commune.inputValue()).toBe('Dainville (62000)');
    await waitForFillTime(page);
    const [posted] = await Promise.all([
      page.waitForRequest((r) => r.url().includes('/api/orientation')),
      page.getByRole('button', { name: 'Envoyer la demande' }).click(),
    ]);
    const fields = new URLSearchParams(posted.postData() ?? '');
    expect(fields.get('communeCode')).toBe('62263');
    expect(fields.has('communeInsee')).toBe(false);
    await page.getByRole('heading', { name: 'Votre demande a été envoyée' }).waitFor();
    const toService = resend.accepted().find((request) => (request.body.to as string[])[0] === SERVICE_ADDRESS);
    expect(String(toService?.body.text)).toContain('Dainville (code INSEE 62263)');
    await page.getByRole('button', { name: 'Faire une autre demande' }).click();
    const nextId = await page.locator('input[name="submissionId"]').inputValue();
    expect(nextId).toMatch(/^[0-9a-f-]{36}$/);
    expect(nextId).not.toBe(fields.get('submissionId'));
    expect(await page.getByLabel('Votre message (facultatif)').inputValue()).toBe(
      'Bonjour, nous cherchons un lieu pour les rencontres du samedi.',
    );
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('says in French what happened when the answer is not JSON (Astro’s plain-text 403), keeping what was typed', async () => {
    const { page, context } = await openHermeticPage(browser, site.baseUrl);
    await page.route(
      (url) => url.pathname.startsWith('/api/orientation'),
      (route) => route.fulfill({ status: 403, contentType: 'text/plain', body: 'Cross-site POST form submissions are forbidden' }),
    );
    await page.goto(`${site.baseUrl}/orienter/`);
    await hydrated(page);
    await fillForm(page, { message: 'Texte à garder.' });
    await waitForFillTime(page);
    await page.getByRole('button', { name: 'Envoyer la demande' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toMatch(/refusé la demande.*erreur 403.*conservé/);
    expect(await page.getByLabel('Votre message (facultatif)').inputValue()).toBe('Texte à garder.');
    expect(resend.requests).toHaveLength(0);
    await context.close();
  });

  it('sends once when the button is double-clicked', async () => {
    const { page, context } = await openHermeticPage(browser, site.baseUrl);
    await page.goto(`${site.baseUrl}/orienter/`);
    await hydrated(page);
    await fillForm(page);
    await waitForFillTime(page);
    await page.getByRole('button', { name: 'Envoyer la demande' }).dblclick();
    await page.getByRole('heading', { name: 'Votre demande a été envoyée' }).waitFor();
    expect(recipients().sort()).toEqual([FAMILY_ADDRESS, SERVICE_ADDRESS].sort());
    await context.close();
  });
});

describe('the early answer, before any personal data', () => {
  const PHONE = { viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true };
  /** The first answers: no violence, a kind, and a commune typed. */
  async function firstAnswers(page: Page, kind: string, commune: string): Promise<void> {
    await page.getByLabel('Non', { exact: true }).check();
    await page.getByLabel(kind, { exact: true }).check();
    await page.getByLabel('Commune où vivent les enfants').fill(commune);
  }
  const personalFields = (page: Page) => page.getByLabel('Votre nom ou votre prénom').count();

  it('says at once, with JavaScript, that no service near Guéret receives requests online, and asks nothing more', async () => {
    const { page, context } = await openHermeticPage(browser, site.baseUrl, PHONE);
    await page.goto(`${site.baseUrl}/orienter/`);
    await hydrated(page);
    await firstAnswers(page, 'Soutien à la parentalité', 'Guéret');
    await page.getByLabel('Commune où vivent les enfants').blur();
    const answer = page.getByRole('region', { name: 'Aucun service proche ne reçoit les demandes en ligne' });
    await answer.waitFor();
    expect(await answer.textContent()).toContain(`à moins de ${NEAR_DISTANCE_KM['soutien-parentalite']} km de Guéret`);
    expect(await answer.locator('.where-to-ask').count()).toBe(1);
    expect(await personalFields(page)).toBe(0);
    expect(await page.getByRole('button', { name: 'Envoyer la demande' }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);

    // Near Lens, the parenting service does not take requests online: its phone, to call.
    await page.getByLabel('Commune où vivent les enfants').fill('Dainville');
    await page.getByLabel('Commune où vivent les enfants').blur();
    // The service's phone to call (the where-to-ask block below has its own numbers).
    const services = answer.locator('.referral-early__services');
    await expect.poll(() => services.locator('a[href^="tel:"]').count()).toBe(1);
    const call = services.locator('a[href^="tel:"]');
    expect(await call.getAttribute('href')).toBe(phoneHref((await call.textContent()) ?? ''));
    expect(await answer.textContent()).toContain('Lieu parents fictif de Lens');

    // An espace de rencontre near Arras does: the form goes on.
    await page.getByLabel('Espace de rencontre', { exact: true }).check();
    await page.getByText('Un service proche de chez vous peut recevoir votre demande en ligne').waitFor();
    expect(await personalFields(page)).toBe(1);
    expect(resend.requests).toHaveLength(0);
    await context.close();
  });

  it('gives the same early answer without JavaScript, from the first button', async () => {
    const { page, context } = await openHermeticPage(browser, site.baseUrl, { ...PHONE, javaScriptEnabled: false });
    await page.goto(`${site.baseUrl}/orienter/`);
    await firstAnswers(page, 'Soutien à la parentalité', 'Guéret');
    await page.getByRole('button', { name: 'Voir si un service proche peut recevoir ma demande' }).click();
    await page.waitForLoadState();
    const answer = page.getByRole('region', { name: 'Aucun service proche ne reçoit les demandes en ligne' });
    expect(await answer.textContent()).toContain(`à moins de ${NEAR_DISTANCE_KM['soutien-parentalite']} km de Guéret`);
    expect(await answer.locator('.where-to-ask').count()).toBe(1);
    expect(await personalFields(page)).toBe(0);
    expect(await page.getByLabel('Commune où vivent les enfants').inputValue()).toBe('Guéret');

    await page.goto(`${site.baseUrl}/orienter/`);
    await firstAnswers(page, 'Espace de rencontre', 'Dainville');
    await page.getByRole('button', { name: 'Voir si un service proche peut recevoir ma demande' }).click();
    await page.waitForLoadState();
    expect(await page.getByText('Un service proche de chez vous peut recevoir votre demande en ligne').count()).toBe(1);
    expect(await personalFields(page)).toBe(1);
    expect(await page.getByLabel('Espace de rencontre', { exact: true }).isChecked()).toBe(true);
    expect(resend.requests).toHaveLength(0);
    await context.close();
  });
});

describe('POST /api/orientation', () => {
  it('answers 200 with the chosen service, and sends each message once for a repeated submission', async () => {
    const body = JSON.stringify(jsonRequest());
    const answers = await Promise.all([post(body, 'application/json'), post(body, 'application/json')]);
    const again = await post(body, 'application/json');
    for (const response of [...answers, again]) {
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({
        status: 'envoyee',
        service: { id: 'test-espace-rencontre-arras', name: 'Espace rencontre fictif d’Arras', distanceKm: 4 },
      });
    }
    expect(recipients().sort()).toEqual([FAMILY_ADDRESS, SERVICE_ADDRESS].sort());
  });

  it('retries a 500 from Resend with the same idempotency key and sends one message', async () => {
    resend.answerNext([500]);
    const response = await post(
      JSON.stringify(jsonRequest({ requester: { role: 'parent', name: 'Camille', phone: '0612345678' } })),
      'application/json',
    );
    expect(response.status).toBe(200);
    expect(resend.requests.map((r) => r.status)).toEqual([500, 200]);
    expect(new Set(resend.requests.map((r) => r.headers['idempotency-key'])).size).toBe(1);
    expect(recipients()).toEqual([SERVICE_ADDRESS]);
  });

  it('answers 200 to a retry a minute after a 503 whose service message had in fact been sent, which is sent once', async () => {
    // The messages must not change with the clock: the retry comes in another minute than the first
    // attempt (this server's clock is moved a minute ahead between the two).
    const server = await serveSite(outDir, resendEnv(), { adjustableClock: true });
    onTestFinished(() => server.stop());
    // The service message is sent but its answer is lost, then Resend fails until the time budget runs out.
    resend.answerNext(['lost']);
    resend.answerAlways(500);
    const body = JSON.stringify(jsonRequest());
    const failed = await post(body, 'application/json', server.baseUrl);
    expect(failed.status).toBe(503);
    resend.answerAlways(undefined);
    await server.advanceClock();
    const retried = await post(body, 'application/json', server.baseUrl);
    expect(retried.status).toBe(200);
    expect(await retried.json()).toMatchObject({ status: 'envoyee', acknowledgement: 'envoye' });
    expect(recipients().sort()).toEqual([FAMILY_ADDRESS, SERVICE_ADDRESS].sort());
    expect(resend.requests.filter((r) => r.replayed).map((r) => r.status)).toEqual([200]);
    expect(resend.requests.some((r) => r.status === 409)).toBe(false);
  });

  it('refuses a changed request under a submission already sent with a French 409, and sends nothing more', async () => {
    const request = jsonRequest();
    expect((await post(JSON.stringify(request), 'application/json')).status).toBe(200);
    const changed = await post(JSON.stringify({ ...request, message: 'Une autre version de la demande.' }), 'application/json');
    expect(changed.status).toBe(409);
    expect(await changed.json()).toMatchObject({
      status: 'deja-envoyee',
      error: expect.stringMatching(/déjà été envoyée.*03 21 00 00 01/),
      service: { id: 'test-espace-rencontre-arras' },
    });
    expect(recipients().sort()).toEqual([FAMILY_ADDRESS, SERVICE_ADDRESS].sort());
  });

  it('answers "contact directly" with the nearest services when none accepts the request, and sends nothing', async () => {
    const response = await post(
      JSON.stringify(jsonRequest({ kind: 'soutien-parentalite', courtDecision: { type: 'aucune' } })),
      'application/json',
    );
    expect(response.status).toBe(200);
    const answer = (await response.json()) as { status: string; services: { id: string; phone: string }[] };
    expect(answer.status).toBe('a-contacter-directement');
    expect(answer.services[0]).toMatchObject({ id: 'test-parentalite-lens', phone: '03 21 00 00 05' });
    const violence = await post(
      JSON.stringify(jsonRequest({ kind: 'mediation-familiale', violence: 'oui', courtDecision: { type: 'aucune' } })),
      'application/json',
    );
    expect(await violence.json()).toMatchObject({ status: 'a-contacter-directement', excludedForViolence: true, services: [] });
    expect(resend.requests).toHaveLength(0);
  });

  const form = (change: Record<string, string> = {}): string =>
    new URLSearchParams({
      violence: 'non',
      kind: 'espace-rencontre',
      commune: 'Dainville',
      'requester.role': 'parent',
      'requester.name': 'Camille',
      'requester.phone': '0612345678',
      'courtDecision.type': 'jaf',
      consent: 'on',
      submissionId: randomUUID(),
      startedAt: String(Date.now() - 60_000),
      confirmation_site: '',
      ...change,
    }).toString();
  const FORM = 'application/x-www-form-urlencoded';

  it.each([
    ['missing consent', () => post(JSON.stringify(jsonRequest({ consent: false })), 'application/json'), 422, /Cochez la case d’accord/],
    ['unknown commune', () => post(form({ commune: 'Communeinexistante' }), FORM), 422, /Commune introuvable/],
    ['unknown INSEE code', () => post(JSON.stringify(jsonRequest({ communeCode: '99999' })), 'application/json'), 422, /aucune commune/],
    [
      'a 100 KB message',
      () => post(JSON.stringify(jsonRequest({ message: 'a'.repeat(100 * 1024) })), 'application/json'),
      413,
      /trop volumineuse/,
    ],
    ['<script> in the name', () => post(form({ 'requester.name': '<script>alert(1)</script>' }), FORM), 422, /< et >/],
    [
      'CR/LF in the name',
      () =>
        post(
          JSON.stringify(jsonRequest({ requester: { role: 'parent', name: 'Camille\r\nBcc: x@exemple.test', phone: '0612345678' } })),
          'application/json',
        ),
      422,
      /une seule ligne/,
    ],
    [
      'a __proto__ key',
      () => post(`{"__proto__": {"admin": true}, ${JSON.stringify(jsonRequest()).slice(1)}`, 'application/json'),
      422,
      /« __proto__ »/,
    ],
    ['a wrong Content-Type', () => post(JSON.stringify(jsonRequest()), 'text/plain'), 415, /Type de contenu non accepté/],
    ['a filled honeypot', () => post(form({ confirmation_site: 'https://spam.test' }), FORM), 422, /champ caché/],
    ['a form sent too fast', () => post(form({ startedAt: String(Date.now()) }), FORM), 422, /trop vite/],
  ])('refuses %s with a clear French error and sends nothing', async (_label, send, status, message) => {
    const response = await send();
    expect(response.status).toBe(status);
    expect(JSON.stringify(await response.json())).toMatch(message);
    expect(resend.requests).toHaveLength(0);
  });

  it('refuses a form posted from another origin (checkOrigin)', async () => {
    const response = await fetch(`${site.baseUrl}/api/orientation`, {
      method: 'POST',
      headers: { 'Content-Type': FORM, Origin: 'https://ailleurs.test' },
      body: form(),
    });
    expect(response.status).toBe(403);
    expect(resend.requests).toHaveLength(0);
  });

  it('answers 429 to the 21st request in a minute from one client', async () => {
    const limited = await serveSite(outDir);
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 21; i++)
        statuses.push((await post(JSON.stringify(jsonRequest({ consent: false })), 'application/json', limited.baseUrl)).status);
      expect(statuses.slice(0, 20).every((status) => status === 422)).toBe(true);
      expect(statuses[20]).toBe(429);
      const refused = await post(JSON.stringify(jsonRequest()), 'application/json', limited.baseUrl);
      expect(refused.status).toBe(429);
      // Without TRUST_PROXY, a forwarding header changes nothing: anyone could write one.
      const forwarded = await fetch(`${limited.baseUrl}/api/orientation`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': '203.0.113.50' },
        body: JSON.stringify(jsonRequest()),
      });
      expect(forwarded.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await refused.json()) as unknown).toMatchObject({ status: 'refusee', error: expect.stringMatching(/Trop de demandes/) });
    } finally {
      await limited.stop();
    }
  });

  it('behind a reverse proxy (TRUST_PROXY=1), limits each forwarded client on its own, IPv6 by /64, and takes the protocol the proxy reports', async () => {
    const proxied = await serveSite(outDir, { TRUST_PROXY: '1' });
    try {
      const from = async (forwardedFor: string): Promise<number> =>
        (
          await fetch(`${proxied.baseUrl}/api/orientation`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': forwardedFor },
            body: JSON.stringify(jsonRequest({ consent: false })),
          })
        ).status;
      const statuses: number[] = [];
      for (let i = 0; i < 20; i++) statuses.push(await from(`198.51.100.${i}, 203.0.113.7`));
      expect(statuses.every((status) => status === 422)).toBe(true);
      // The entries left of the proxy's own come from the client: changing them changes nothing.
      expect(await from('198.51.100.99, 203.0.113.7')).toBe(429);
      expect(await from('203.0.113.8')).toBe(422);
      for (let i = 0; i < 20; i++) await from(`2001:db8:1:2::${i.toString(16)}`);
      expect(await from('2001:db8:1:2:ffff:ffff:ffff:ffff')).toBe(429);
      expect(await from('2001:db8:1:3::1')).toBe(422);

      // Astro's origin check sees the client's https, as the proxy reports it.
      const https = proxied.baseUrl.replace('http:', 'https:');
      const viaProxy = (headers: Record<string, string>) =>
        fetch(`${proxied.baseUrl}/api/orientation`, {
          method: 'POST',
          headers: { 'Content-Type': FORM, Origin: https, Accept: 'application/json', 'X-Forwarded-For': '203.0.113.9', ...headers },
          body: form({ consent: '' }),
        });
      const accepted = await viaProxy({ 'X-Forwarded-Proto': 'https' });
      expect(accepted.status).toBe(422);
      expect(JSON.stringify(await accepted.json())).toMatch(/Cochez la case d’accord/);
      expect((await viaProxy({})).status).toBe(403);
    } finally {
      await proxied.stop();
    }
  });
});

describe('server log', () => {
  it('never contains the requester’s name, address, phone or message', async () => {
    // A success, a failure and a refused change here; the log also holds everything the earlier tests did.
    const request = jsonRequest({ message: 'Un message que seul le service doit lire.' });
    expect((await post(JSON.stringify(request), 'application/json')).status).toBe(200);
    expect((await post(JSON.stringify({ ...request, message: 'Une version changée.' }), 'application/json')).status).toBe(409);
    resend.answerNext([422]);
    expect((await post(JSON.stringify(jsonRequest()), 'application/json')).status).toBe(503);
    const log = site.logs.join('');
    expect(log).toMatch(/échec de l’envoi au service/);
    for (const secret of [
      'Camille',
      FAMILY_ADDRESS,
      FAMILY_PHONE,
      FAMILY_PHONE.replace(/ /g, ''),
      'seul le service',
      'version changée',
      'rencontres du samedi',
      'Texte à ne pas perdre',
    ]) {
      expect(log).not.toContain(secret);
    }
  });
});

describe('state of the endpoint across restarts and instances', () => {
  const outboxFiles = (dir: string): string[] => readdirSync(dir).filter((name) => name.endsWith('.json'));
  const freshOutbox = (): string => mkdtempSync(join(tmpdir(), 'passerelle-referral-outbox-'));

  it('answers 200 to an identical resubmission after a restart in another minute, and sends nothing again (memory store)', async () => {
    const outboxDir = freshOutbox();
    const body = JSON.stringify(jsonRequest());
    let server = await serveSite(outDir, { OUTBOX_DIR: outboxDir });
    try {
      const first = await post(body, 'application/json', server.baseUrl);
      expect(first.status).toBe(200);
      const answer = (await first.json()) as unknown;
      await server.stop();
      // Restarted with its clock a minute ahead: the resubmission comes in another minute.
      server = await serveSite(outDir, { OUTBOX_DIR: outboxDir }, { adjustableClock: true, clockOffsetMs: 60_000 });
      const again = await post(body, 'application/json', server.baseUrl);
      expect(again.status).toBe(200);
      expect(await again.json()).toEqual(answer);
      expect(outboxFiles(outboxDir)).toHaveLength(2);
    } finally {
      await server.stop();
    }
  });

  describe.skipIf(redisUnavailable)(`with Redis${redisUnavailable ? ` (ignoré : ${redisUnavailable})` : ''}`, () => {
    let redis: TestRedis;
    beforeAll(async () => {
      redis = await startTestRedis();
    });
    afterAll(async () => {
      await redis?.stop();
    });

    it('two instances share one Redis: A then B send one pair of messages, a client is limited across both, and a restart still answers 200', async () => {
      const [outboxA, outboxB] = [freshOutbox(), freshOutbox()];
      const env = { REDIS_URL: redis.url, REFERRAL_RATE_LIMIT: '3' };
      const a = await serveSite(outDir, { ...env, OUTBOX_DIR: outboxA });
      let b = await serveSite(outDir, { ...env, OUTBOX_DIR: outboxB });
      try {
        const body = JSON.stringify(jsonRequest());
        const first = await post(body, 'application/json', a.baseUrl);
        expect(first.status).toBe(200);
        // The state is set up at the first request.
        await expect.poll(() => a.logs.join('')).toMatch(/dans Redis, partagé entre les instances/);
        const answer = (await first.json()) as unknown;
        const second = await post(body, 'application/json', b.baseUrl);
        expect([second.status, await second.json()]).toEqual([200, answer]);
        expect([outboxFiles(outboxA).length, outboxFiles(outboxB).length]).toEqual([2, 0]);

        // Two requests already counted for this client (loopback) this minute, on A and on B.
        expect((await post(JSON.stringify(jsonRequest({ consent: false })), 'application/json', a.baseUrl)).status).toBe(422);
        expect((await post(JSON.stringify(jsonRequest({ consent: false })), 'application/json', b.baseUrl)).status).toBe(429);

        await b.stop();
        b = await serveSite(outDir, { REDIS_URL: redis.url, OUTBOX_DIR: outboxB });
        const afterRestart = await post(body, 'application/json', b.baseUrl);
        expect([afterRestart.status, await afterRestart.json()]).toEqual([200, answer]);
        expect(outboxFiles(outboxB)).toHaveLength(0);
      } finally {
        await Promise.all([a.stop(), b.stop()]);
      }
    });

    it('still answers and sends when Redis stops mid-run, and says so in the log', async () => {
      const outboxDir = freshOutbox();
      const server = await serveSite(outDir, { REDIS_URL: redis.url, OUTBOX_DIR: outboxDir });
      try {
        expect((await post(JSON.stringify(jsonRequest()), 'application/json', server.baseUrl)).status).toBe(200);
        await redis.stop();
        const during = await Promise.all([1, 2, 3].map(() => post(JSON.stringify(jsonRequest()), 'application/json', server.baseUrl)));
        expect(during.map((response) => response.status)).toEqual([200, 200, 200]);
        expect(outboxFiles(outboxDir)).toHaveLength(8);
        await expect.poll(() => server.logs.join('')).toMatch(/État des orientations \(redis\) indisponible/);
      } finally {
        await server.stop();
        await redis.start();
      }
    });
  });
});
