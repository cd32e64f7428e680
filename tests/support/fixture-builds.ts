/**
 * The sites the e2e suite builds, each built once and shared by every file that needs it, and kept
 * from one run to the next while nothing it is made of changes. A build lives in
 * node_modules/.passerelle-builds/<name>/ beside its key: a hash of its content folder, its build
 * settings and every file a build reads (src/, public/, scripts/lib/, astro.config.mjs, tsconfig.json,
 * package-lock.json). The same key reuses the build; any change builds again. A lock file makes a
 * second run that wants the same site wait for the first one's build instead of writing over it.
 * The e2e global setup builds the shared sites side by side before any file runs (fixture-sites.ts);
 * a file then finds its site built, and a file run alone builds what it needs.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { BUILDS_DIR, buildSiteAsync, PROJECT_ROOT, writeContentFolder } from '../../scripts/lib/site-build.ts';

/** What a build reads besides its content folder and its settings. */
const BUILD_INPUTS = ['src', 'public', 'scripts/lib', 'astro.config.mjs', 'tsconfig.json', 'package-lock.json'];

export interface FixtureBuild {
  /** The built site (client/ and server/). */
  outDir: string;
  /** The content folder it was built from (do not change it: copy it first). */
  contentDir: string;
}

/** A fixture site: its build's name and the content it is built from. */
export interface FixtureSite {
  name: string;
  /** Writes the content folder into the folder it is given, and returns it. */
  writeContent: (dir: string) => string;
  options?: FixtureBuildOptions;
}

/** The fixture site of these services (with the real organisations and pages). */
export function fixtureSiteOf(
  name: string,
  services: readonly ({ id: string } & object)[],
  options: FixtureBuildOptions = {},
): FixtureSite {
  return { name, writeContent: (dir) => writeContentFolder(dir, services), options };
}

export interface FixtureBuildOptions {
  /** More build settings (e.g. PASSERELLE_ADMIN_BACKEND for the web editor). */
  env?: Record<string, string>;
  /** Whether the build writes .br and .gz files; only the sites whose tests ask for them need it. */
  precompress?: boolean;
}

/** Every file under these paths, relative to the project, sorted. */
function filesOf(root: string, paths: readonly string[]): string[] {
  const found: string[] = [];
  const walk = (path: string): void => {
    if (!existsSync(path)) return;
    if (statSync(path).isDirectory()) for (const name of readdirSync(path)) walk(join(path, name));
    else found.push(path);
  };
  for (const path of paths) walk(join(root, path));
  return found.sort();
}

function hashFiles(hash: ReturnType<typeof createHash>, root: string, files: readonly string[]): void {
  for (const file of files) hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
}

let sourcesKey: string | undefined;
/** The hash of what every build reads, once per process. */
function buildInputsKey(): string {
  if (sourcesKey === undefined) {
    const hash = createHash('sha256');
    hashFiles(hash, PROJECT_ROOT, filesOf(PROJECT_ROOT, BUILD_INPUTS));
    sourcesKey = hash.digest('hex');
  }
  return sourcesKey;
}

const LOCK_ABANDONED_MS = 20 * 60_000;

/** Takes `lock` if it is free (a lock older than the longest build is taken as abandoned). */
function tryLock(lock: string): boolean {
  try {
    closeSync(openSync(lock, 'wx'));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const age = existsSync(lock) ? Date.now() - statSync(lock).mtimeMs : 0;
    if (age > LOCK_ABANDONED_MS) rmSync(lock, { force: true });
    return false;
  }
}

/** Runs `work` holding `lock`, waiting (without blocking the process) while another build holds it. */
async function withLock<T>(lock: string, work: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + LOCK_ABANDONED_MS;
  while (!tryLock(lock)) {
    if (Date.now() > deadline) throw new Error(`Le site de test est verrouillé depuis trop longtemps : ${lock}`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  try {
    return await work();
  } finally {
    rmSync(lock, { force: true });
  }
}

/**
 * The site built from its content, reused when its key has not changed since it was built. The build
 * runs in a child process: the global setup builds several sites side by side.
 */
export function fixtureBuild({ name, writeContent, options: { env = {}, precompress = false } = {} }: FixtureSite): Promise<FixtureBuild> {
  const outDir = join(BUILDS_DIR, name);
  const contentDir = `${outDir}-content`;
  const keyFile = `${outDir}.key`;
  return withLock(`${outDir}.lock`, async () => {
    rmSync(`${outDir}-content-next`, { recursive: true, force: true });
    const next = writeContent(`${outDir}-content-next`);
    const hash = createHash('sha256').update(JSON.stringify({ env, precompress, inputs: buildInputsKey() }));
    hashFiles(hash, next, filesOf(next, ['.']));
    const key = hash.digest('hex');
    if (
      existsSync(keyFile) &&
      readFileSync(keyFile, 'utf8') === key &&
      existsSync(join(outDir, 'server/entry.mjs')) &&
      existsSync(contentDir)
    ) {
      rmSync(next, { recursive: true, force: true });
      return { outDir, contentDir };
    }
    rmSync(keyFile, { force: true });
    rmSync(contentDir, { recursive: true, force: true });
    renameSync(next, contentDir);
    await buildSiteAsync({ outDir, contentDir, cacheDir: `${outDir}-cache`, env, precompress }, { quiet: true });
    writeFileSync(keyFile, key);
    return { outDir, contentDir };
  });
}
