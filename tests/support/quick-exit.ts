/**
 * The three ways a person leaves the site in a hurry, and the check that one worked: the neutral site
 * was requested (the hermetic page aborts and records it) and the history did not grow. Used by the
 * page sweep (one way per page, in turn) and by the safety suite (every way on every type of page).
 */
import type { Page } from 'playwright-core';
import { setTimeout as sleep } from 'node:timers/promises';
import { SITE } from '../../src/lib/site/site-text.ts';

export interface QuickExitWay {
  name: string;
  /** Leaves the page this way; returns what went wrong on the way (for example a focus in the wrong place). */
  leave: (page: Page) => Promise<string[]>;
}

export const QUICK_EXIT_WAYS: readonly QuickExitWay[] = [
  {
    name: 'clic',
    leave: async (page) => {
      await page.click('[data-quick-exit]');
      return [];
    },
  },
  {
    name: 'Tab puis Entrée',
    leave: async (page) => {
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => document.activeElement?.hasAttribute('data-quick-exit') ?? false);
      await page.keyboard.press('Enter');
      return focused ? [] : ['le deuxième Tab ne donne pas le focus au bouton'];
    },
  },
  {
    name: 'Maj × 3',
    leave: async (page) => {
      for (let i = 0; i < 3; i++) await page.keyboard.press('Shift');
      return [];
    },
  },
];

/** Whether `condition` holds within `timeoutMs` (checked every 50 ms); usable outside a test, in a hook. */
async function within(timeoutMs: number, condition: () => boolean): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await sleep(50);
  }
  return true;
}

/**
 * Leaves `page` (showing a page of the site, with nothing focused) by `way`, and says in French what
 * went wrong: `blockedRequests` is the list the hermetic page fills with the requests it aborted.
 */
export async function quickExitProblems(page: Page, blockedRequests: readonly string[], way: QuickExitWay): Promise<string[]> {
  const before = await page.evaluate(() => history.length);
  const problems = await way.leave(page);
  const left = await within(5_000, () => blockedRequests.some((url) => url.startsWith(SITE.quickExitUrl)));
  const after = await page.evaluate(() => history.length).catch(() => before);
  if (!left) problems.push('le site neutre n’a pas été ouvert');
  if (after > before) problems.push('une entrée d’historique a été ajoutée');
  return problems.map((problem) => `(${way.name}) ${problem}`);
}
