/**
 * Honest answers where nothing is near, on the e2e build of the fixture content (made-up services in a
 * few départements, tests/fixtures/site): the search page, the département page (also the search without JavaScript) and
 * the referral answer say « aucun service connu à moins de N km » and show where to ask; the white-zone
 * maps are in the built report with a table as their text alternative; an old source shows its year.
 */
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { NEAR_DISTANCE_KM } from '../../src/lib/services/service-reach.ts';
import { departementPath } from '../../src/lib/territories/departement-naming.ts';
import { getDepartement } from '../../src/lib/territories/territory-data.ts';
import { axeViolations, openHermeticPage } from '../support/browser.ts';
import { browserForFile } from '../support/file-browser.ts';

const site = { baseUrl: inject('baseUrl') };
const browser = browserForFile();

const PHONE = { viewport: { width: 320, height: 640 }, isMobile: true };
const FINISTERE = departementPath(getDepartement('29') as NonNullable<ReturnType<typeof getDepartement>>);
const GERS = departementPath(getDepartement('32') as NonNullable<ReturnType<typeof getDepartement>>);
const ER_KM = NEAR_DISTANCE_KM['espace-rencontre'];

const text = async (page: Page, selector: string): Promise<string> =>
  ((await page.locator(selector).first().textContent()) ?? '').replace(/\s+/g, ' ');

/** The where-to-ask block names the Caf with its sourced number and the point-justice number for an espace de rencontre. */
async function expectWhereToAsk(page: Page, scope: string): Promise<void> {
  const block = await text(page, `${scope} .where-to-ask`);
  expect(block).toContain('Où vous renseigner');
  expect(block).toContain('Votre Caf');
  expect(block).toContain('d’après une source de 2021');
  expect(block).toContain('3039');
  expect(await page.locator(`${scope} .where-to-ask a[href="tel:3039"]`).count()).toBe(1);
  expect(await page.locator(`${scope} .where-to-ask a[href="https://www.caf.fr/"]`).count()).toBe(1);
}

describe('a commune with no service within the distance', () => {
  it('gets « aucun service connu à moins de N km » and where to ask on the search page', async () => {
    const { page, context, consoleErrors } = await openHermeticPage(browser, site.baseUrl, PHONE);
    await page.goto(`${site.baseUrl}/recherche/?lieu=Brest&type=espace-rencontre`);
    await page.locator('.search-none-near').waitFor();
    expect(await text(page, '.search-none-near')).toMatch(new RegExp(`Aucun service connu à moins de ${ER_KM} km de Brest`));
    await expectWhereToAsk(page, '.search-empty');
    expect(await page.locator('#liste-plus-proches').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('gets the same on the département page, reached without JavaScript from the search form', async () => {
    const { page, context } = await openHermeticPage(browser, site.baseUrl, { ...PHONE, javaScriptEnabled: false });
    await page.goto(`${site.baseUrl}/recherche/lieu/?lieu=Brest&type=espace-rencontre`);
    expect(new URL(page.url()).pathname).toBe(FINISTERE);
    const section = await text(page, 'section[aria-labelledby="type-espace-rencontre"]');
    expect(section).toContain(`Aucun service connu à moins de ${ER_KM} km.`);
    await expectWhereToAsk(page, 'section[aria-labelledby="type-espace-rencontre"]');
    // The page does not scroll sideways at 320 px.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await context.close();
  });

  it('gets the same in the referral answer without JavaScript, and in the early answer with it', async () => {
    // Without JavaScript, the whole form is sent and the answer says it.
    const plain = await openHermeticPage(browser, site.baseUrl, { ...PHONE, javaScriptEnabled: false });
    await plain.page.goto(`${site.baseUrl}/orienter/`);
    await plain.page.getByLabel('Non', { exact: true }).check();
    await plain.page.getByLabel('Espace de rencontre', { exact: true }).check();
    await plain.page.getByLabel('Commune où vivent les enfants').fill('Brest');
    await plain.page.getByLabel('Vous êtes').selectOption('parent');
    await plain.page.getByLabel('Décision du juge aux affaires familiales (JAF)').check();
    await plain.page.getByLabel('Votre nom ou votre prénom').fill('Camille');
    await plain.page.getByLabel('Téléphone', { exact: true }).fill('06 12 34 56 78');
    await plain.page.getByLabel('J’accepte que ces informations soient transmises au service').check();
    const startedAt = Number(await plain.page.locator('input[name="startedAt"]').inputValue());
    const wait = startedAt + 3100 - Date.now();
    if (wait > 0) await plain.page.waitForTimeout(wait);
    await plain.page.getByRole('button', { name: 'Envoyer la demande' }).click();
    await plain.page.locator('.referral-result__none').waitFor();
    expect(await text(plain.page, '.referral-result__none')).toContain(`Aucun service connu à moins de ${ER_KM} km de Brest.`);
    await expectWhereToAsk(plain.page, '.referral-result');
    await plain.context.close();

    // With JavaScript, the form says it as soon as the kind and the commune are known, and asks nothing more.
    const { page, context } = await openHermeticPage(browser, site.baseUrl, PHONE);
    await page.goto(`${site.baseUrl}/orienter/`);
    await page.locator('.referral-violence-help[data-hydrated]').waitFor({ state: 'attached' });
    await page.getByLabel('Non', { exact: true }).check();
    await page.getByLabel('Espace de rencontre', { exact: true }).check();
    await page.getByLabel('Commune où vivent les enfants').fill('Brest');
    await page.getByLabel('Commune où vivent les enfants').blur();
    await page.locator('.referral-early').waitFor();
    expect(await text(page, '.referral-early')).toContain(`Aucun service connu à moins de ${ER_KM} km de Brest`);
    await expectWhereToAsk(page, '.referral-early');
    expect(await page.getByLabel('Votre nom ou votre prénom').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});

describe('a kind missing in a département but near enough elsewhere', () => {
  it('lists the service within the distance, and only there', async () => {
    // Auch, préfecture of the Gers, is about 70 km from Toulouse: near for a mediation (100 km), too far
    // for a drop-in place (30 km).
    const { page, context } = await openHermeticPage(browser, site.baseUrl, PHONE);
    await page.goto(`${site.baseUrl}${GERS}`);
    const mediation = await text(page, 'section[aria-labelledby="type-mediation-familiale"]');
    expect(mediation).toContain(`Les services connus à moins de ${NEAR_DISTANCE_KM['mediation-familiale']} km`);
    expect(mediation).toContain('Médiation familiale fictive de Toulouse');
    const parenting = await text(page, 'section[aria-labelledby="type-soutien-parentalite"]');
    expect(parenting).toContain(`Aucun service connu à moins de ${NEAR_DISTANCE_KM['soutien-parentalite']} km.`);
    expect(parenting).not.toContain('Toulouse');
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});

describe('white zones and old sources', () => {
  for (const path of ['/federations/rapport/', '/a-propos-des-donnees/']) {
    it(`draws the white-zone maps on ${path}, with a table as their text alternative`, async () => {
      const { page, context } = await openHermeticPage(browser, site.baseUrl, PHONE);
      await page.goto(`${site.baseUrl}${path}`);
      const maps = page.locator('.white-zones svg[role="img"]');
      expect(await maps.count()).toBe(5);
      expect(await maps.first().locator('use').count()).toBe(101);
      // Each map reuses the outlines written once: the reference resolves to a drawn shape.
      expect((await maps.nth(1).locator('use[href="#zone-29"]').boundingBox())?.width).toBeGreaterThan(5);
      expect(await text(page, '#zones-blanches-espace-rencontre')).toMatch(/99 départements sur 101 sans service connu/);
      // Only the Pas-de-Calais and the Gironde have a fictional espace de rencontre: drawn as covered, the others white.
      expect(await page.locator('svg[aria-labelledby="zones-blanches-espace-rencontre"] use.white-zones__some').count()).toBe(2);
      const table = page.locator('.white-zones table');
      expect(await table.locator('caption').textContent()).toContain('Départements sans aucun service connu');
      const row = await text(page, '.white-zones tbody tr:nth-child(2)');
      expect(row).toContain('Finistère (29)');
      expect(row).not.toContain('Pas-de-Calais (62)');
      expect(row).not.toContain('Gironde (33)');
      expect(await axeViolations(page)).toEqual([]);
      await context.close();
    });
  }

  it('shows the year of a service’s only source when it is old', async () => {
    const { page, context } = await openHermeticPage(browser, site.baseUrl, { javaScriptEnabled: false });
    await page.goto(`${site.baseUrl}/annuaire/test-espace-rencontre-fictif-bordeaux/`);
    expect(await text(page, '.service-old-source')).toContain('Informations d’après une source de 2020');
    await page.goto(`${site.baseUrl}/annuaire/test-mediation-familiale-fictive-toulouse/`);
    expect(await page.locator('.service-old-source').count()).toBe(0);
    await context.close();
  });
});
