/**
 * Which Chromium the browser tests and benchmarks drive, found in this order:
 * 1. `CHROMIUM_PATH`, when set (any Chromium or Chrome the person chooses);
 * 2. the headless Chromium that `npm install` brings inside the `@sparticuz/chromium` package
 *    (Linux x64), unpacked into the temporary folder on first use (a second or two): its version is
 *    the lockfile's, the same on every machine, and this headless shell (no browser window behind
 *    it) takes about a third of the processor time of a full Chromium for the same tests;
 * 3. a Chromium or Chrome installed on the system (other platforms, or a failed unpacking).
 * Without any of them, one French line says what to do, instead of Playwright's English error.
 */
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface BrowserExecutable {
  path: string;
  /** Where it was found, for the test log. */
  origin: 'CHROMIUM_PATH' | 'système' | '@sparticuz/chromium';
  /** Extra environment the browser needs (the packaged one brings its own fonts). */
  env: Record<string, string>;
}

/** System locations of Chromium and Chrome, most common first. */
export const SYSTEM_BROWSER_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

/** Raised when no browser can be found: its message is the one line to show. */
export class NoBrowserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NoBrowserError';
    // One line, not a stack: the person has nothing to debug, only something to install.
    this.stack = message;
  }
}

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The packaged Chromium, unpacked if needed; undefined where the package or its binary is absent. */
async function packagedChromium(): Promise<BrowserExecutable | undefined> {
  if (process.platform !== 'linux' || process.arch !== 'x64') return undefined;
  let chromium: { executablePath(): Promise<string> };
  try {
    chromium = (await import('@sparticuz/chromium')).default;
  } catch {
    return undefined;
  }
  const path = await chromium.executablePath();
  const fontsConfig = join(tmpdir(), 'fonts');
  const env: Record<string, string> = existsSync(join(fontsConfig, 'fonts.conf')) ? { FONTCONFIG_PATH: fontsConfig } : {};
  return isExecutableFile(path) ? { path, origin: '@sparticuz/chromium', env } : undefined;
}

/**
 * Finds the browser to drive, in the order described above.
 * `systemPaths` is for tests of this function; callers use the default.
 */
export async function findBrowserExecutable(
  environment: NodeJS.ProcessEnv = process.env,
  systemPaths: readonly string[] = SYSTEM_BROWSER_PATHS,
  packaged: () => Promise<BrowserExecutable | undefined> = packagedChromium,
): Promise<BrowserExecutable> {
  const chosen = environment.CHROMIUM_PATH;
  if (chosen) {
    if (isExecutableFile(chosen)) return { path: chosen, origin: 'CHROMIUM_PATH', env: {} };
    throw new NoBrowserError(
      `CHROMIUM_PATH désigne « ${chosen} », qui n’est pas un programme exécutable : corrigez ce chemin ou retirez la variable pour utiliser le Chromium qu’apporte « npm install » ou celui du système.`,
    );
  }
  const found = await packaged();
  if (found) return found;
  const system = systemPaths.find(isExecutableFile);
  if (system) return { path: system, origin: 'système', env: {} };
  throw new NoBrowserError(
    'Aucun navigateur pour les tests : installez Chromium (par exemple « apt-get install chromium ») ou indiquez son chemin dans CHROMIUM_PATH ; sur Linux x64, « npm install » en apporte un (paquet @sparticuz/chromium), relancez-le s’il a échoué.',
  );
}

let cached: Promise<BrowserExecutable> | undefined;

/** The browser for this process, found once. */
export function browserExecutable(): Promise<BrowserExecutable> {
  cached ??= findBrowserExecutable();
  return cached;
}
