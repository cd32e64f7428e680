/**
 * Keyboard only, on a site with services that accept referrals (the trust fixture site): from the
 * home page, search near a town, keep the services that accept online referrals, open one, ask for a
 * referral from its page, fill in and send the form, and read the answer, with Tab, arrows, Space,
 * typing and Enter alone. Every control reached shows a visible focus.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openHermeticPage } from '../support/browser.ts';
import { browserForFile } from '../support/file-browser.ts';
import { serveSite, type ServedSite } from '../support/referral-site.ts';
import { buildTrustSite, trustFixtureServices } from '../support/trust-site.ts';

const baseUrl = inject('baseUrl');
const browser = browserForFile();
let site: ServedSite;

/** The service the journey goes to: an espace de rencontre in Arras that accepts referrals on a JAF decision. */
const TARGET = trustFixtureServices().find((service) => service.id === 'test-espace-rencontre-arras');

beforeAll(async () => {
  site = await serveSite(await buildTrustSite());
}, 600_000);
afterAll(async () => {
  await site?.stop();
});

interface Focused {
  tag: string;
  type: string;
  href: string;
  name: string;
  value: string;
  checked: boolean;
  label: string;
  visible: boolean;
}

/** What has the focus, and whether the focus is visible (outline of 2 px or more, or a box shadow). */
function focused(page: Page): Promise<Focused | undefined> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return undefined;
    const style = getComputedStyle(el);
    const input = el as HTMLInputElement;
    return {
      tag: el.tagName.toLowerCase(),
      type: input.type ?? '',
      href: el.getAttribute('href') ?? '',
      name: el.getAttribute('name') ?? '',
      value: input.value ?? '',
      checked: Boolean(input.checked),
      label: input.labels?.[0]?.textContent?.trim() ?? el.getAttribute('aria-label') ?? el.textContent?.trim() ?? '',
      visible: (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== 'none',
    };
  });
}

/** Presses Tab until `wanted` holds for the focused element; fails after `max` presses. */
async function tabTo(page: Page, what: string, wanted: (f: Focused) => boolean, max = 150): Promise<Focused> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const current = await focused(page);
    if (!current) continue;
    expect(current.visible, `focus invisible sur <${current.tag}> « ${current.label.slice(0, 40)} »`).toBe(true);
    if (wanted(current)) return current;
  }
  throw new Error(`${what} : introuvable au clavier sur ${page.url()} après ${max} tabulations`);
}

/** Tabs into a radio group and moves with the arrow keys to `value`, which becomes checked. */
async function chooseRadio(page: Page, name: string, value: string): Promise<void> {
  await tabTo(page, `les choix « ${name} »`, (f) => f.type === 'radio' && f.name === name);
  for (let i = 0; i < 10 && (await focused(page))?.value !== value; i++) await page.keyboard.press('ArrowDown');
  const current = await focused(page);
  if (current?.value === value && !current.checked) await page.keyboard.press('Space');
  expect(await focused(page), `choix ${name} = ${value}`).toMatchObject({ name, value, checked: true });
}

/** Tabs to a text field (by name) and types into it. */
async function typeInto(page: Page, name: string, text: string): Promise<Focused> {
  const field = await tabTo(
    page,
    `le champ ${name}`,
    (f) => ['input', 'textarea'].includes(f.tag) && f.type !== 'radio' && f.type !== 'checkbox' && f.name === name,
  );
  expect(field.label, `le champ ${name} a une étiquette`).not.toBe('');
  await page.keyboard.type(text);
  return field;
}

describe('keyboard-only journey', () => {
  it(
    'finds a service that accepts referrals, asks for a referral from its page, sends the form and reads the answer',
    { timeout: 120_000 },
    async () => {
      expect(TARGET?.orientation).toBeDefined();
      const target = TARGET as NonNullable<typeof TARGET>;
      const servicePath = `/annuaire/${target.id}/`;
      const { page, context, consoleErrors } = await openHermeticPage(browser, site.baseUrl);
      await page.goto(`${site.baseUrl}/`);

      // Home page: the town, then Enter.
      const field = await tabTo(page, 'le champ de recherche', (f) => f.tag === 'input' && f.name === 'lieu');
      expect(field.label).not.toBe('');
      await page.keyboard.type('Arras');
      await Promise.all([page.waitForURL(/\/recherche\//), page.keyboard.press('Enter')]);
      await page.locator(`#liste-resultats a[href="${servicePath}"]`).first().waitFor();

      // Search page: open « Plus de filtres », keep the services that accept online referrals.
      await tabTo(page, 'le bouton « Plus de filtres »', (f) => f.tag === 'summary' && f.label === 'Plus de filtres');
      await page.keyboard.press('Enter');
      await tabTo(
        page,
        'le filtre des demandes en ligne',
        (f) => f.type === 'checkbox' && f.label.startsWith('Accepte les demandes d’orientation en ligne'),
      );
      await page.keyboard.press('Space');
      await page.waitForURL(/orientation=1/);
      await page.locator(`#liste-resultats a[href="${servicePath}"]`).first().waitFor();
      const listed = [
        ...new Set(
          await page
            .locator('#liste-resultats a[href^="/annuaire/"]')
            .evaluateAll((links) => links.map((link) => link.getAttribute('href'))),
        ),
      ];
      const accepting = new Set(trustFixtureServices().flatMap((service) => (service.orientation ? [`/annuaire/${service.id}/`] : [])));
      expect(listed.length).toBeGreaterThan(0);
      expect(listed.filter((href) => !accepting.has(href ?? ''))).toEqual([]);

      // The service's page, and its own referral button (not the menu's « Demander une orientation »).
      await tabTo(page, 'le service dans les résultats', (f) => f.tag === 'a' && f.href === servicePath);
      await Promise.all([page.waitForURL(new RegExp(`${servicePath}$`)), page.keyboard.press('Enter')]);
      expect(await page.locator('h1').textContent()).toBe(target.name);
      const button = await tabTo(page, 'le bouton du service', (f) => f.tag === 'a' && f.href.startsWith('/orienter/?'));
      expect(button).toMatchObject({ href: `/orienter/?service=${target.id}`, label: 'Demander une orientation vers ce service' });
      await Promise.all([page.waitForURL(/\/orienter\/\?service=/), page.keyboard.press('Enter')]);

      // The form, with the service chosen.
      await page.locator('.referral-violence-help[data-hydrated]').waitFor({ state: 'attached' });
      expect(await page.locator('.referral-field.notice').textContent()).toContain(`Service choisi : ${target.name}`);
      expect(await page.locator('input[type="hidden"][name="serviceId"]').inputValue()).toBe(target.id);

      await chooseRadio(page, 'violence', 'non');
      await chooseRadio(page, 'kind', 'espace-rencontre');
      await typeInto(page, 'commune', 'Dainville');
      const role = await tabTo(page, 'la qualité', (f) => f.tag === 'select' && f.name === 'requester.role');
      expect(role.label).toBe('Vous êtes');
      await page.keyboard.type('P');
      expect(await page.locator('select[name="requester.role"]').inputValue()).toBe('parent');
      await chooseRadio(page, 'courtDecision.type', 'jaf');
      await typeInto(page, 'childrenAges', '4, 9');
      await typeInto(page, 'requester.name', 'Camille');
      await typeInto(page, 'requester.phone', '06 12 34 56 78');
      await typeInto(page, 'requester.email', 'camille@exemple.test');
      await typeInto(page, 'message', 'Bonjour, nous cherchons un lieu pour les rencontres du samedi.');
      const consent = await tabTo(page, 'la case d’accord', (f) => f.type === 'checkbox' && f.name === 'consent');
      expect(consent.checked).toBe(false);
      await page.keyboard.press('Space');
      expect((await focused(page))?.checked).toBe(true);

      // The form refuses answers sent faster than a person could type them: wait for that minimum.
      const startedAt = Number(await page.locator('input[name="startedAt"]').inputValue());
      await page.waitForTimeout(Math.max(0, startedAt + 3100 - Date.now()));
      await tabTo(page, 'le bouton d’envoi', (f) => f.tag === 'button' && f.label === 'Envoyer la demande');
      await page.keyboard.press('Enter');

      // The answer replaces the form, and the focus goes to its heading so that it is read first.
      const answer = page.getByRole('heading', { name: 'Votre demande a été envoyée' });
      await answer.waitFor();
      await expect.poll(() => focused(page).then((f) => f?.label)).toBe('Votre demande a été envoyée');
      expect(await page.locator('main').textContent()).toContain(target.name);
      const sentTo = readdirSync(site.outboxDir)
        .filter((name) => name.endsWith('.json'))
        .map((name) => (JSON.parse(readFileSync(join(site.outboxDir, name), 'utf8')) as { to: string }).to);
      expect(sentTo).toContain(target.orientation?.email);
      // Map tiles are aborted on purpose (hermetic browser): those lines are not the page's errors.
      expect(consoleErrors.filter((e) => !e.includes('ERR_BLOCKED_BY_CLIENT'))).toEqual([]);
      await context.close();
    },
  );

  it('skips to the content with the first Tab', async () => {
    const { page, context } = await openHermeticPage(browser, baseUrl);
    await page.goto(`${baseUrl}/`);
    await page.keyboard.press('Tab');
    const skip = await focused(page);
    expect(skip?.href).toBe('#contenu');
    expect(skip?.visible).toBe(true);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('contenu');
    await context.close();
  });
});
