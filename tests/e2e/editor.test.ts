/**
 * The web editor (Decap CMS at /admin/) on the served site, offline, as docs/contenu.md tells an editor
 * to try it: Decap's own local server (decap-server) writes into a copy of a content folder (the
 * fixture content, tests/fixtures/site, so that no federation's edit breaks the test). An editor
 * changes a service's summary and publishes; the file then holds the change, every other value of the
 * service is the same, and the content checks still accept the folder.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DECAP_LOCAL_SERVER_ORIGIN } from '../../src/lib/security/security-headers.ts';
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
  decapServer = spawn(process.execPath, [entry], { env: { ...process.env, PORT: port, GIT_REPO_DIRECTORY: repo, MODE: 'fs', LOG_LEVEL: 'error' }, stdio: 'ignore' });
  await waitForHttp(`${DECAP_LOCAL_SERVER_ORIGIN}/`, 20_000);
  // The editor's pages come from a site built with it configured (the trust fixture site); what it edits
  // comes from decap-server, which reads and writes the copy above.
  site = await serveSite(buildTrustSite());
}, 300_000);

afterAll(async () => {
  await site?.stop();
  decapServer?.kill();
  if (repo) rmSync(repo, { recursive: true, force: true });
  if (source) rmSync(join(source, '..'), { recursive: true, force: true });
});

describe('web editor (Decap CMS) with its local server', () => {
  it('saves a change to a service file that the content checks accept, every other value kept', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    // Decap tries the local server only when the page itself is on localhost.
    const origin = site.baseUrl.replace('127.0.0.1', 'localhost');
    await page.goto(`${origin}/admin/`);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('link', { name: /Maison des parents fictive d’Arras/ }).waitFor({ timeout: 30_000 });
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
    await context.close();
  }, 180_000);
});
