/**
 * The sites the e2e suite builds, each built once and shared by every file that needs it, and kept
 * from one run to the next while nothing it is made of changes. A build lives in
 * node_modules/.passerelle-builds/<name>/ beside its key: a hash of its content folder, its build
 * settings and every file a build reads (src/, public/, scripts/lib/, astro.config.mjs, tsconfig.json,
 * package-lock.json). The same key reuses the build; any change builds again. A lock file makes a
 * second run that wants the same site wait for the first one's build instead of writing over it.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { BUILDS_DIR, buildSite, PROJECT_ROOT } from '../../scripts/lib/site-build.ts';

/** What a build reads besides its content folder and its settings. */
const BUILD_INPUTS = ['src', 'public', 'scripts/lib', 'astro.config.mjs', 'tsconfig.json', 'package-lock.json'];

export interface FixtureBuild {
  /** The built site (client/ and server/). */
  outDir: string;
  /** The content folder it was built from (do not change it: copy it first). */
  contentDir: string;
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

const sleep = (ms: number): void => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms) as unknown as void;

/** Runs `work` holding `<name>.lock`; a lock older than the longest build is taken as abandoned. */
function withLock<T>(lock: string, work: () => T): T {
  const deadline = Date.now() + 20 * 60_000;
  for (;;) {
    try {
      closeSync(openSync(lock, 'wx'));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = existsSync(lock) ? Date.now() - statSync(lock).mtimeMs : 0;
      if (age > 20 * 60_000) rmSync(lock, { force: true });
      else if (Date.now() > deadline) throw new Error(`Le site de test est verrouillé depuis trop longtemps : ${lock}`);
      else sleep(1000);
    }
  }
  try {
    return work();
  } finally {
    rmSync(lock, { force: true });
  }
}

/**
 * The site `name` built from the content `writeContent` writes into the folder it is given (and
 * returns), reused when its key has not changed since it was built.
 */
export function fixtureBuild(
  name: string,
  writeContent: (dir: string) => string,
  { env = {}, precompress = false }: FixtureBuildOptions = {},
): FixtureBuild {
  const outDir = join(BUILDS_DIR, name);
  const contentDir = `${outDir}-content`;
  const keyFile = `${outDir}.key`;
  return withLock(`${outDir}.lock`, () => {
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
    buildSite({ outDir, contentDir, cacheDir: `${outDir}-cache`, env, precompress }, { quiet: true });
    writeFileSync(keyFile, key);
    return { outDir, contentDir };
  });
}
