/**
 * The Chromium of one e2e file: launched before the file's first test, closed after its last. A file
 * writes `const browser = browserForFile();` at its top and uses `browser` as a playwright Browser;
 * the launch and close hooks are here once, not in every file.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser } from './browser.ts';

export function browserForFile(): Browser {
  let launched: Browser | undefined;
  beforeAll(async () => {
    launched = await launchBrowser();
  });
  afterAll(async () => {
    await launched?.close();
  });
  // The file holds the browser before it exists (its tests run after the hook above): each use reaches the launched one.
  return new Proxy({} as Browser, {
    get(_target, property) {
      if (!launched) throw new Error('Le navigateur des tests n’est lancé qu’avant le premier test du fichier.');
      const value: unknown = Reflect.get(launched, property, launched);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(launched) : value;
    },
  });
}
