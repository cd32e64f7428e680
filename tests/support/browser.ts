/**
 * Chromium driven by playwright-core, hermetic: every request to a host other than the site under
 * test is aborted (and recorded), so no test ever reaches the network. Which Chromium: see
 * `browser-executable.ts`.
 */
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { browserExecutable, type BrowserExecutable } from './browser-executable.ts';

/** Chromium at the path that `browser-executable.ts` found (or the one given), headless, without network extras. */
export async function launchBrowser(executable?: BrowserExecutable): Promise<Browser> {
  const found = executable ?? (await browserExecutable());
  return chromium.launch({
    executablePath: found.path,
    env: { ...process.env, ...found.env },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      // A page under test lives a few seconds: V8's optimizing compilers would cost the renderer more
      // processor time than they save (about a tenth of the suite's browser time). Pages behave the same.
      '--js-flags=--lite-mode',
      // A page opened by a test starts in a renderer of its own; without a limit, its first navigation
      // moves it to a second, new renderer (the site's), which costs more than the page itself. Each
      // context keeps its own renderer either way.
      '--renderer-process-limit=1',
    ],
  });
}

export interface HermeticPage {
  context: BrowserContext;
  page: Page;
  /** Console errors and page errors seen so far. */
  consoleErrors: string[];
  /** URLs of requests to other hosts, aborted. */
  blockedRequests: string[];
}

/** A new context and page where only `baseUrl`'s origin is reachable. */
export async function openHermeticPage(
  browser: Browser,
  baseUrl: string,
  options: Parameters<Browser['newContext']>[0] = {},
): Promise<HermeticPage> {
  const context = await browser.newContext({ locale: 'fr-FR', ...options });
  const origin = new URL(baseUrl).origin;
  const blockedRequests: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    blockedRequests.push(url);
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(String(error)));
  return { context, page, consoleErrors, blockedRequests };
}

/**
 * Axe violations (WCAG 2.x A and AA rules) on the current page, as readable lines. `axe.run` in the
 * page itself (legacy mode): the default mode runs axe in each frame, then again in a blank page it
 * opens to merge the results, which doubles the cost for a site that has no frame from another
 * origin (its policy allows none). Only violations are described node by node.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .setLegacyMode()
    // Before withTags: options() replaces every option set so far.
    .options({ resultTypes: ['violations'] })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  return results.violations.map(
    (v) =>
      `${v.id} (${v.impact}) : ${v.help} — ${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 3)
        .join(' ; ')}`,
  );
}
