/**
 * The web editor (Decap CMS at /admin/) on the served site, offline, as docs/contenu.md tells an editor
 * to try it: Decap's own local server (decap-server) writes into a copy of a content folder (the
 * fixture content, tests/fixtures/site, so that no federation's edit breaks the test). An editor
 * changes a service's summary and publishes; the file then holds the change, every other value of the
 * service is the same, and the content checks still accept the folder. A federation then creates a new
 * service with one place and one source: the file is named after the service, passes content:check and
 * gives the build what a page needs.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DECAP_LOCAL_SERVER_ORIGIN } from '../../src/lib/security/security-headers.ts';
import { resolveLocations } from '../../src/lib/services/service-geography.ts';
import { loadContent } from '../../scripts/lib/content-files.ts';
import { PROJECT_ROOT } from '../../scripts/lib/site-build.ts';
import { browserForFile } from '../support/file-browser.ts';
import { writeFixtureSiteContent } from '../support/fixture-site.ts';
import { waitForHttp } from '../support/http-helpers.ts';
import { serveSite, type ServedSite } from '../support/referral-site.ts';
import { buildTrustSite } from '../support/trust-site.ts';

const SERVICE_ID = 'test-maison-des-parents-fictive-arras';
const ADDED = ' Texte ajouté dans l’éditeur web.';

const browser = browserForFile();
let site: ServedSite;
let decapServer: ChildProcess;
let repo: string;
let source: string;

beforeAll(async () => {
  // The folder is named content/ so that problems name the same files before and after the edit.
  source = writeFixtureSiteContent(join(mkdtempSync(join(tmpdir(), 'passerelle-editor-source-')), 'content'));
  repo = mkdtempSync(join(tmpdir(), 'passerelle-editor-'));
  cpSync(source, join(repo, 'content'), { recursive: true });
  const port = new URL(DECAP_LOCAL_SERVER_ORIGIN).port;
  const entry = createRequire(join(PROJECT_ROOT, 'package.json')).resolve('decap-server/dist/index.js');
  decapServer = spawn(process.execPath, [entry], {
    env: { ...process.env, PORT: port, GIT_REPO_DIRECTORY: repo, MODE: 'fs', LOG_LEVEL: 'error' },
    stdio: 'ignore',
  });
  await waitForHttp(`${DECAP_LOCAL_SERVER_ORIGIN}/`, 20_000);
  // The editor's pages come from a site built with it configured (the trust fixture site); what it edits
  // comes from decap-server, which reads and writes the copy above.
  site = await serveSite(await buildTrustSite());
}, 300_000);

afterAll(async () => {
  await site?.stop();
  decapServer?.kill();
  if (repo) rmSync(repo, { recursive: true, force: true });
  if (source) rmSync(join(source, '..'), { recursive: true, force: true });
});

/** The editor's home page, signed in through the local server, on localhost (Decap tries the local server only there). */
async function signedIn(): Promise<{ page: Page; origin: string; pageErrors: string[]; close: () => Promise<void> }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  const origin = site.baseUrl.replace('127.0.0.1', 'localhost');
  await page.goto(`${origin}/admin/`);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('link', { name: /Maison des parents fictive d’Arras/ }).waitFor({ timeout: 30_000 });
  return { page, origin, pageErrors, close: () => context.close() };
}

/** A field by its label as Decap shows it: « Nom », or « Nom (optionnel) » for an optional one. */
const field = (scope: Page | Locator, label: string) => scope.getByLabel(label, { exact: true });

/** Picks one option of a Decap select by typing it, as a keyboard user does. */
async function choose(scope: Page | Locator, label: string, option: string): Promise<void> {
  const input = field(scope, label);
  await input.click();
  await input.fill(option);
  await input.press('Enter');
}

describe('web editor (Decap CMS) with its local server', () => {
  it('saves a change to a service file that the content checks accept, every other value kept', async () => {
    const { page, origin, pageErrors, close } = await signedIn();
    await page.goto(`${origin}/admin/#/collections/services/entries/${SERVICE_ID}`);
    const summary = page.locator('textarea').first();
    await expect.poll(() => summary.inputValue(), { timeout: 30_000 }).toMatch(/Service fictif/);
    await summary.fill((await summary.inputValue()) + ADDED);
    await page.getByRole('button', { name: 'Publier' }).first().click();
    await page.getByText('Publier maintenant').click();

    const file = join(repo, 'content/services', `${SERVICE_ID}.yaml`);
    await expect.poll(() => readFileSync(file, 'utf8').replace(/\s+/g, ' '), { timeout: 30_000 }).toContain(ADDED.trim());
    const today = new Date();
    const before = loadContent(source, today);
    const saved = loadContent(join(repo, 'content'), today);
    expect(saved.problems).toEqual(before.problems);
    const original = before.services.find((service) => service.id === SERVICE_ID);
    const edited = saved.services.find((service) => service.id === SERVICE_ID);
    expect(edited?.summary).toBe(`${original?.summary}${ADDED}`);
    expect({ ...edited, summary: original?.summary }).toEqual(original);
    expect(pageErrors).toEqual([]);
    await close();
  }, 180_000);

  it('creates a new service with one place and one source: saved under its name, accepted by content:check, with what its page needs', async () => {
    const { page, origin, pageErrors, close } = await signedIn();
    await page.goto(`${origin}/admin/#/collections/services/new`);
    await field(page, 'Nom').fill('Médiation familiale fictive de Guéret');
    await choose(page, 'Types', 'mediation-familiale');
    await choose(page, 'Statut', 'actif');
    await field(page, 'Résumé').fill('Service fictif créé dans l’éditeur web : médiation familiale à Guéret, sur rendez-vous.');
    await field(page, 'Téléphone (optionnel)').fill('05 55 00 00 00');
    // The first place is there and unfolded: a new service needs one, and its fields are at hand.
    const places = page.locator('[id^="locations-field-"]');
    const placeCommune = field(places, 'Code INSEE de la commune');
    expect(await placeCommune.count()).toBe(1);
    expect(await placeCommune.isVisible()).toBe(true);
    await field(places, 'Nom (optionnel)').fill('Maison fictive des familles');
    await field(places, 'Adresse (optionnel)').fill('1 place fictive');
    await field(places, 'Code postal (optionnel)').fill('23000');
    await placeCommune.fill('23096');
    await page.getByRole('button', { name: 'Ajouter source' }).click();
    const sources = page.locator('[id^="sources-field-"]');
    await field(sources, 'Adresse web (optionnel)').fill('https://exemple.test/mediation-gueret');
    await field(sources, 'Titre (optionnel)').fill('Page fictive de la médiation familiale');
    // The last check is today unless the editor says otherwise.
    const today = new Date();
    const todayIso = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
    expect(await field(page, 'Date de vérification').inputValue()).toBe(todayIso);
    await page.getByRole('button', { name: 'Publier' }).first().click();
    await page.getByText('Publier maintenant').click();

    const id = 'mediation-familiale-fictive-de-gueret';
    const file = join(repo, 'content/services', `${id}.yaml`);
    await expect.poll(() => existsSync(file), { timeout: 30_000 }).toBe(true);
    const check = spawnSync(process.execPath, [join(PROJECT_ROOT, 'scripts/content-check.ts'), join(repo, 'content')], {
      encoding: 'utf8',
    });
    // The fixture content's own warnings (an old check date) stay as they were; none names the new file.
    expect(check.status).toBe(0);
    expect(check.stdout).toMatch(/— 0 erreur,/);
    expect(check.stderr).not.toContain(`${id}.yaml`);

    const saved = loadContent(join(repo, 'content'), today);
    expect(saved.problems).toEqual(loadContent(source, today).problems);
    const created = saved.services.find((service) => service.id === id);
    expect(created).toMatchObject({
      name: 'Médiation familiale fictive de Guéret',
      kinds: ['mediation-familiale'],
      status: 'actif',
      contact: { phone: '05 55 00 00 00' },
      locations: [
        { name: 'Maison fictive des familles', address: '1 place fictive', postalCode: '23000', communeCode: '23096', confidential: false },
      ],
      sources: [{ url: 'https://exemple.test/mediation-gueret', title: 'Page fictive de la médiation familiale' }],
      lastChecked: todayIso,
    });
    // What the build needs for its page: a place on the map, in the Creuse.
    expect(resolveLocations(created ?? { locations: [] }).map((place) => [place.communeName, place.departementCode])).toEqual([
      ['Guéret', '23'],
    ]);
    expect(pageErrors).toEqual([]);
    await close();
  }, 180_000);
});
