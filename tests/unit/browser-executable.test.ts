import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findBrowserExecutable, NoBrowserError, type BrowserExecutable } from '../support/browser-executable.ts';

const folder = mkdtempSync(join(tmpdir(), 'passerelle-browser-'));
const executable = join(folder, 'chromium');
writeFileSync(executable, '#!/bin/sh\n');
chmodSync(executable, 0o755);
const notExecutable = join(folder, 'not-executable');
writeFileSync(notExecutable, '');
const missing = join(folder, 'missing');
const packaged: BrowserExecutable = { path: '/paquet/chromium', origin: '@sparticuz/chromium', env: { FONTCONFIG_PATH: '/tmp/fonts' } };

describe('findBrowserExecutable', () => {
  it('takes CHROMIUM_PATH first, before any system browser', async () => {
    const found = await findBrowserExecutable({ CHROMIUM_PATH: executable }, [missing], () => Promise.resolve(packaged));
    expect(found).toEqual({ path: executable, origin: 'CHROMIUM_PATH', env: {} });
  });

  it('refuses a CHROMIUM_PATH that is not an executable, in one French line', async () => {
    const search = findBrowserExecutable({ CHROMIUM_PATH: notExecutable }, [executable], () => Promise.resolve(packaged));
    await expect(search).rejects.toThrow(NoBrowserError);
    await expect(search).rejects.toThrow(/CHROMIUM_PATH désigne .*n’est pas un programme exécutable/);
  });

  it('takes the packaged Chromium, with its own fonts, before a system browser', async () => {
    const found = await findBrowserExecutable({}, [executable], () => Promise.resolve(packaged));
    expect(found).toEqual(packaged);
  });

  it('falls back on the first system browser that exists and is executable when there is no packaged one', async () => {
    const found = await findBrowserExecutable({}, [missing, notExecutable, executable], () => Promise.resolve(undefined));
    expect(found.path).toBe(executable);
    expect(found.origin).toBe('système');
  });

  it('says what to do, in French and on one line, when there is no browser at all', async () => {
    const error = await findBrowserExecutable({}, [missing], () => Promise.resolve(undefined)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoBrowserError);
    const message = (error as Error).message;
    expect(message).toMatch(/^Aucun navigateur pour les tests : installez Chromium/);
    expect(message).toContain('CHROMIUM_PATH');
    expect(message).not.toContain('\n');
    expect((error as Error).stack).toBe(message);
  });
});
