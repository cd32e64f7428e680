/**
 * Contributions end to end, on the trust fixture site (trust-site.ts) served with the outbox
 * transport: a proposal near a white zone, with and without JavaScript, whose file passes content:check
 * and builds a page; the opt-in, whose link goes to the published address only and whose confirmed
 * change, once in the content, lets a referral from a nearby commune reach the service.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileFromMessage } from '../../src/lib/contribution/contribution-email.ts';
import { departementPath } from '../../src/lib/territories/departement-naming.ts';
import { getDepartement } from '../../src/lib/territories/territory-data.ts';
import { BUILDS_DIR, buildSite, PROJECT_ROOT } from '../../scripts/lib/site-build.ts';
import { fixtureBuild } from '../support/fixture-builds.ts';
import { CONTRIBUTION_BETHUNE as BETHUNE, TRUST_SITE } from '../support/trust-site.ts';
import { axeViolations, openHermeticPage } from '../support/browser.ts';
import { browserForFile } from '../support/file-browser.ts';
import { validReferralRequest } from '../support/referral-fixtures.ts';
import { serveSite, type ServedSite } from '../support/referral-site.ts';
import type { MailMessage } from '../../src/server/mail-transport.ts';

const PUBLISHED = 'accueil-bethune@exemple.test';
const TYPED = 'demandes-bethune@exemple.test';

const browser = browserForFile();
let site: ServedSite;
let contentDir: string;

beforeAll(async () => {
  const built = await fixtureBuild(TRUST_SITE);
  // The tests change the content (as a moderator applies a proposal): a copy, the build's own stays as built.
  contentDir = join(mkdtempSync(join(tmpdir(), 'passerelle-contribution-')), 'content');
  cpSync(built.contentDir, contentDir, { recursive: true });
  const { outDir } = built;
  // The server reads the service files it corrects from the folder the site was built from.
  site = await serveSite(outDir, {
    PASSERELLE_CONTENT_DIR: contentDir,
    CONTRIBUTION_SECRET: 'secret-des-tests-de-bout-en-bout',
    CONTRIBUTION_MODERATORS_EMAIL: 'moderation@exemple.test',
  });
}, 600_000);

afterAll(async () => {
  await site?.stop();
  if (contentDir) rmSync(join(contentDir, '..'), { recursive: true, force: true });
});

const outbox = (): MailMessage[] =>
  readdirSync(site.outboxDir)
    .filter((name) => name.endsWith('.json'))
    .map((name) => JSON.parse(readFileSync(join(site.outboxDir, name), 'utf8')) as MailMessage);
const toModerators = () => outbox().filter((m) => m.to === 'moderation@exemple.test');

async function waitForFillTime(page: Page): Promise<void> {
  const startedAt = Number(await page.locator('input[name="startedAt"]').inputValue());
  const wait = startedAt + 3100 - Date.now();
  if (wait > 0) await page.waitForTimeout(wait);
}

/** Opens the opt-in form from the Béthune service page and fills it as its manager would, with the ways of arriving given. */
async function askToReceiveReferrals(page: Page, baseUrl: string, ways: readonly string[]): Promise<void> {
  await page.goto(`${baseUrl}/annuaire/test-espace-rencontre-bethune/`);
  await page.getByRole('link', { name: 'Recevoir les demandes d’orientation' }).click();
  await page.getByLabel('Adresse qui recevra les demandes').fill(TYPED);
  for (const way of ways) await page.getByLabel(way).check();
  await page.getByLabel('Je gère ce service : ma déclaration est la source').check();
  await page.getByLabel('Votre nom').fill('Claude');
  await page.getByLabel('Vous écrivez en tant que').selectOption('gestionnaire');
  await page.getByLabel('Votre adresse e-mail').fill('claude@exemple.test');
  await waitForFillTime(page);
}

async function propose(page: Page, name: string): Promise<void> {
  await page.getByLabel('Nom du service').fill(name);
  await page.getByLabel('Espace de rencontre', { exact: true }).check();
  await page
    .getByLabel('En une ou deux phrases, ce que fait le service')
    .fill('Un lieu neutre où les enfants retrouvent le parent avec qui ils ne vivent pas.');
  await page.getByLabel('Commune du lieu d’accueil').fill('Abbeville');
  await page.getByLabel('Téléphone d’accueil').fill('03 22 00 00 09');
  await page.getByLabel('Adresse d’une page web qui présente le service').fill('https://exemple.test/point-rencontre-abbeville');
  await page.getByLabel('Votre nom').fill('Dominique');
  await page.getByLabel('Vous écrivez en tant que').selectOption('federation');
  await page.getByLabel('Votre adresse e-mail').fill('dominique@exemple.test');
}

/** The files the moderators received as attachments, each copied from the outbox into the content folder. */
function applyToContent(messages: MailMessage[]): string[] {
  return messages.map((message) => {
    const file = fileFromMessage(message);
    if (!file) throw new Error('Message sans pièce jointe');
    // The outbox also writes the attachment beside the message: the very file a moderator would copy.
    const beside = readdirSync(site.outboxDir).filter((name) => name.endsWith(`.${file.path.replace(/^content\/services\//, '')}`));
    expect(beside.map((name) => readFileSync(join(site.outboxDir, name), 'utf8'))).toContain(file.yaml);
    writeFileSync(join(contentDir, file.path.replace(/^content\//, '')), file.yaml);
    return file.path;
  });
}

const proposals: string[] = [];

describe.each([
  ['without JavaScript', false, 'Point rencontre fictif d’Abbeville'],
  ['with JavaScript', true, 'Point rencontre fictif de la Somme'],
])('a proposal near a white zone, %s', (_what, javaScriptEnabled, name) => {
  it('starts from the white-zone message, is refused with its errors beside the fields, then reaches the moderators', async () => {
    const { page, context } = await openHermeticPage(browser, site.baseUrl, { javaScriptEnabled });
    const somme = getDepartement('80');
    await page.goto(`${site.baseUrl}${departementPath(somme as NonNullable<typeof somme>)}`);
    await page.getByRole('link', { name: 'Vous connaissez un service qui manque ? Proposez-le' }).first().click();
    await page.getByRole('heading', { name: 'Proposer un service' }).waitFor();
    await propose(page, name);
    await page.getByLabel('Adresse d’une page web qui présente le service').fill('');
    await waitForFillTime(page);
    // With JavaScript, the form is checked in the page: no request, no page load.
    const posts: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST') posts.push(request.url());
    });
    const loads: string[] = [];
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) loads.push(frame.url());
    });
    await page.getByRole('button', { name: 'Envoyer aux modérateurs' }).click();
    await page.locator('#contribution-errors').waitFor();
    expect(await page.locator('#contribution-errors').textContent()).toContain('Donnez au moins une source');
    const sourceField = page.getByLabel('Adresse d’une page web qui présente le service');
    // Each message sits beside its field, tied to it, with or without JavaScript.
    expect(await sourceField.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator(`[id="${(await sourceField.getAttribute('aria-describedby')) ?? ''}"]`).textContent()).toContain(
      'Donnez au moins une source',
    );
    if (javaScriptEnabled) {
      expect(posts).toEqual([]);
      expect(loads).toEqual([]);
      // The summary takes the focus.
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('contribution-errors');
      expect(await page.getByLabel('Nom du service').getAttribute('aria-invalid')).toBeNull();
      // A link of the summary leads to its field.
      await page
        .locator('#contribution-errors')
        .getByRole('link', { name: /Donnez au moins une source/ })
        .click();
      expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('source.url');
    }
    expect(await page.getByLabel('Nom du service').inputValue()).toBe(name);
    // axe needs JavaScript in the page.
    if (javaScriptEnabled) expect(await axeViolations(page)).toEqual([]);
    expect(toModerators().filter((m) => m.subject.includes(name))).toEqual([]);

    await sourceField.fill('https://exemple.test/point-rencontre-abbeville');
    await page.getByRole('button', { name: 'Envoyer aux modérateurs' }).click();
    await page.getByRole('heading', { name: 'Contribution transmise' }).waitFor();
    // With JavaScript, the thanks take the form's place: one request, no page load.
    if (javaScriptEnabled) {
      expect(posts).toHaveLength(1);
      expect(loads).toEqual([]);
      expect(await page.locator('#contribution-form').isHidden()).toBe(true);
    }
    const sent = toModerators().filter((m) => m.subject === `[Passerelle] Nouveau service : ${name}`);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.replyTo).toBe('dominique@exemple.test');
    expect(sent[0]?.attachments?.map((a) => a.filename)).toEqual([expect.stringMatching(/^point-rencontre-fictif-.*\.yaml$/)]);
    expect(sent[0]?.text).not.toContain('kinds:');
    expect(fileFromMessage(sent[0] ?? {})?.yaml).not.toContain('dominique');
    proposals.push(...applyToContent(sent));
    await context.close();
  });
});

const confirmations = (): MailMessage[] => outbox().filter((m) => m.subject.startsWith('Confirmer'));

describe('from a service page, with JavaScript', () => {
  it('starts prefilled, shows a bad field beside it without sending, then sends the change field by field with the file attached', async () => {
    const { page, context } = await openHermeticPage(browser, site.baseUrl);
    await page.goto(`${site.baseUrl}/annuaire/test-espace-rencontre-bethune/`);
    await page.getByRole('link', { name: 'Signaler une erreur / Proposer une correction' }).first().click();
    await page.getByRole('heading', { name: 'Corriger la fiche « Espace rencontre fictif de Béthune »' }).waitFor();
    expect(await page.getByLabel('Nom du service').inputValue()).toBe(BETHUNE.name);
    await page.getByLabel('Téléphone d’accueil').fill('03 21 99 99 99');
    const email = page.getByLabel('Adresse e-mail publique du service');
    await email.fill('pas-une-adresse');
    await page.getByLabel('Adresse d’une page web qui présente le service').fill('https://exemple.test/er-bethune-nouveau-numero');
    await page.getByLabel('Votre nom').fill('Camille');
    await page.getByLabel('Vous écrivez en tant que').selectOption('professionnel');
    await page.getByLabel('Votre adresse e-mail').fill('camille@exemple.test');
    await waitForFillTime(page);
    const posts: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST') posts.push(request.url());
    });
    await page.getByRole('button', { name: 'Envoyer aux modérateurs' }).click();
    await page.locator('#contribution-errors').waitFor();
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    const message = (await page.locator(`[id="${(await email.getAttribute('aria-describedby')) ?? ''}"]`).textContent()) ?? '';
    expect(message.replace('Erreur : ', '').length).toBeGreaterThan(10);
    expect(await page.locator('#contribution-errors').textContent()).toContain(message.replace('Erreur : ', ''));
    expect(posts).toEqual([]);

    await email.fill(PUBLISHED);
    await page.getByRole('button', { name: 'Envoyer aux modérateurs' }).click();
    await page.getByRole('heading', { name: 'Contribution transmise' }).waitFor();
    expect(await email.getAttribute('aria-invalid')).toBeNull();
    const sent = toModerators().filter((m) => m.subject.startsWith('[Passerelle] Correction'));
    expect(sent).toHaveLength(1);
    expect(sent[0]?.text).toMatch(/« phone : 03 21 00 00 11.* » → « phone : 03 21 99 99 99/);
    expect(fileFromMessage(sent[0] ?? {})).toMatchObject({
      path: 'content/services/test-espace-rencontre-bethune.yaml',
      yaml: expect.stringContaining('03 21 99 99 99'),
    });
    await context.close();
  });

  it('keeps everything typed and says so in French when the connection fails', async () => {
    const { page, context } = await openHermeticPage(browser, site.baseUrl);
    await page.goto(`${site.baseUrl}/contribuer/?service=test-espace-rencontre-bethune`);
    await page.getByLabel('Téléphone d’accueil').fill('03 21 88 88 88');
    await page.getByLabel('Adresse d’une page web qui présente le service').fill('https://exemple.test/er-bethune-coupure');
    await page.getByLabel('Votre nom').fill('Camille');
    await page.getByLabel('Vous écrivez en tant que').selectOption('professionnel');
    await page.getByLabel('Votre adresse e-mail').fill('camille@exemple.test');
    await waitForFillTime(page);
    await page.route('**/api/contribution/', (route) => route.abort('internetdisconnected'));
    await page.getByRole('button', { name: 'Envoyer aux modérateurs' }).click();
    await page.locator('#contribution-errors').waitFor();
    expect(await page.locator('#contribution-errors').textContent()).toContain(
      'la connexion a échoué. Ce que vous avez écrit est conservé',
    );
    expect(await page.getByLabel('Téléphone d’accueil').inputValue()).toBe('03 21 88 88 88');
    expect(await page.getByLabel('Votre adresse e-mail').inputValue()).toBe('camille@exemple.test');
    expect(await page.locator('#contribution-form').isVisible()).toBe(true);
    expect(toModerators().filter((m) => m.text.includes('03 21 88 88 88'))).toEqual([]);
    await context.close();
  });

  it('asks to receive referrals: a missing way of arriving is shown in place, then the link goes to the published address only', async () => {
    const { page, context } = await openHermeticPage(browser, site.baseUrl);
    await askToReceiveReferrals(page, site.baseUrl, []);
    await page.getByRole('button', { name: 'Demander le lien de confirmation' }).click();
    await page.locator('#contribution-errors').waitFor();
    expect(await page.locator('#contribution-errors').textContent()).toContain('Cochez au moins un mode d’arrivée');
    expect(await page.getByRole('group', { name: 'Modes d’arrivée acceptés pour une demande en ligne' }).textContent()).toContain(
      'Cochez au moins un mode d’arrivée',
    );
    expect(confirmations()).toEqual([]);

    await page.getByLabel('Démarche spontanée').check();
    await page.getByRole('button', { name: 'Demander le lien de confirmation' }).click();
    await page.getByRole('heading', { name: 'Lien de confirmation envoyé' }).waitFor();
    expect(await page.locator('main').textContent()).toContain(PUBLISHED);
    expect(confirmations().map((m) => m.to)).toEqual([PUBLISHED]);
    await context.close();
  });
});

describe('receiving referrals', () => {
  let link: URL;

  it('sends the confirmation link to the published address only', async () => {
    const already = new Set(confirmations().map((m) => m.text));
    const { page, context } = await openHermeticPage(browser, site.baseUrl, { javaScriptEnabled: false });
    await askToReceiveReferrals(page, site.baseUrl, ['Décision du juge aux affaires familiales (JAF)', 'Démarche spontanée']);
    await page.getByRole('button', { name: 'Demander le lien de confirmation' }).click();
    await page.getByRole('heading', { name: 'Lien de confirmation envoyé' }).waitFor();
    expect(await page.locator('main').textContent()).toContain(PUBLISHED);
    const sent = confirmations().filter((m) => !already.has(m.text));
    expect(sent.map((m) => m.to)).toEqual([PUBLISHED]);
    expect(outbox().some((m) => m.to === TYPED || m.to === 'claude@exemple.test')).toBe(false);
    const found = /http:\/\/\S+\/contribuer\/confirmer\/\S+/.exec(sent[0]?.text ?? '')?.[0];
    // The link names the site's configured address; the test server listens elsewhere.
    link = new URL(new URL(found ?? '').pathname + new URL(found ?? '').search, site.baseUrl);
    await context.close();
  });

  it('refuses an altered link with a French message, and a followed link sends the change with its provenance', async () => {
    const { page, context } = await openHermeticPage(browser, site.baseUrl);
    const altered = new URL(link);
    altered.searchParams.set('jeton', `${altered.searchParams.get('jeton')?.slice(0, -4)}AAAA`);
    await page.goto(altered.href);
    await page.getByRole('button', { name: 'Je confirme' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('Ce lien de confirmation n’est pas valide');
    expect(toModerators().filter((m) => m.subject.includes('Béthune') && !m.subject.includes('Correction'))).toEqual([]);

    await page.goto(link.href);
    await page.getByRole('button', { name: 'Je confirme' }).click();
    await page.getByRole('heading', { name: 'Contribution transmise' }).waitFor();
    const sent = toModerators().filter((m) => m.subject.includes('Béthune') && !m.subject.includes('Correction'));
    expect(sent).toHaveLength(1);
    const yaml = fileFromMessage(sent[0] ?? {})?.yaml ?? '';
    expect(yaml).toContain(`email: ${TYPED}`);
    expect(yaml).toContain(`confirmedBy: ${PUBLISHED}`);
    expect(yaml).toContain('channel: lien-confirme');
    applyToContent(sent);
    await context.close();
  });

  it('once the changes are in the content: content:check passes, the proposed service has its page, a referral from Beuvry reaches Béthune, and the link is spent', async () => {
    expect(proposals).toHaveLength(2);
    const check = spawnSync(process.execPath, ['scripts/content-check.ts', contentDir], { cwd: PROJECT_ROOT, encoding: 'utf8' });
    expect(check.stderr + check.stdout).not.toMatch(/Erreur/);
    expect(check.status).toBe(0);

    const outDir = join(BUILDS_DIR, 'contribution-e2e-after');
    buildSite({ outDir, contentDir, cacheDir: join(BUILDS_DIR, 'contribution-e2e-cache'), precompress: false }, { quiet: true });
    const after = await serveSite(outDir, {
      PASSERELLE_CONTENT_DIR: contentDir,
      CONTRIBUTION_SECRET: 'secret-des-tests-de-bout-en-bout',
      CONTRIBUTION_MODERATORS_EMAIL: 'moderation@exemple.test',
    });
    try {
      const id = proposals[0]?.replace(/^content\/services\/|\.yaml$/g, '');
      const page = await fetch(`${after.baseUrl}/annuaire/${id}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('Point rencontre fictif d’Abbeville');

      const referral = await fetch(`${after.baseUrl}/api/orientation`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: after.baseUrl, Accept: 'application/json' },
        body: JSON.stringify(validReferralRequest({ communeCode: '62126', submissionId: crypto.randomUUID() })),
      });
      expect(referral.status).toBe(200);
      expect(await referral.json()).toMatchObject({ status: 'envoyee', service: { id: 'test-espace-rencontre-bethune' } });
      // The outbox's messages (the folder also holds the referral ledger's own subfolder).
      const sentToService = readdirSync(after.outboxDir, { withFileTypes: true })
        .filter((entry) => entry.isFile() && entry.name.endsWith('.json'))
        .map((entry) => JSON.parse(readFileSync(join(after.outboxDir, entry.name), 'utf8')) as MailMessage);
      expect(sentToService.map((m) => m.to)).toContain(TYPED);

      const replay = await fetch(`${after.baseUrl}/api/contribution/`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: after.baseUrl, Accept: 'application/json' },
        body: new URLSearchParams({
          kind: 'confirmation',
          serviceId: 'test-espace-rencontre-bethune',
          jeton: link.searchParams.get('jeton') ?? '',
        }).toString(),
      });
      expect(replay.status).toBe(422);
      expect(JSON.stringify(await replay.json())).toContain('Ce lien a déjà servi');
      expect(readdirSync(after.outboxDir).filter((name) => name.startsWith('contribution'))).toEqual([]);
    } finally {
      await after.stop();
    }
  }, 600_000);
});
