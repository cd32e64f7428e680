/**
 * Building the site from a script, a test or a benchmark: one place that knows the command and its
 * environment. NODE_ENV is forced to production: under Vitest it is "test", and Vite would then
 * bundle React's development build (larger, and full of links to other hosts).
 */
import { spawn, spawnSync, type SpawnOptions } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';
import type { DeployTarget } from './deploy-target.ts';

export const PROJECT_ROOT = resolve(import.meta.dirname, '../..');
/** Builds that tests and benchmarks make: inside the project (the server bundle resolves node_modules), ignored by git. */
export const BUILDS_DIR = join(PROJECT_ROOT, 'node_modules/.passerelle-builds');

export interface SiteBuildOptions {
  /** Where the site is written (client/ and server/). */
  outDir: string;
  /** Astro's cache; it must not be inside outDir, which Astro empties first. */
  cacheDir: string;
  /** A content folder other than content/ (fixtures, synthetic data). */
  contentDir?: string;
  /** More build settings (e.g. PASSERELLE_ADMIN_BACKEND for the web editor). */
  env?: Record<string, string>;
  /** The platform (PASSERELLE_DEPLOY_TARGET); node by default. */
  target?: DeployTarget;
  /** Whether the Node build writes .br and .gz beside each file (PASSERELLE_PRECOMPRESS); true by default. */
  precompress?: boolean;
}

/**
 * Where a target's build puts what the platform runs. Netlify and Vercel write their functions
 * under the project root whatever outDir is (their adapters' layout): one such build at a time.
 */
export const TARGET_OUTPUTS = {
  /** The function Netlify calls with a Web Request and its context; the publish folder is outDir. */
  netlifyFunction: join(PROJECT_ROOT, '.netlify/v1/functions/ssr/ssr.mjs'),
  /** Vercel's Build Output API folder: config.json, static/ and functions/_render.func/. */
  vercelOutput: join(PROJECT_ROOT, '.vercel/output'),
};

/** The command, arguments and environment of `astro build` for these options. */
export function astroBuildCommand(
  options: SiteBuildOptions,
  nodeFlags: string[] = [],
): { command: string; args: string[]; options: SpawnOptions } {
  return {
    command: process.execPath,
    args: [...nodeFlags, join(PROJECT_ROOT, 'node_modules/astro/bin/astro.mjs'), 'build'],
    options: {
      cwd: PROJECT_ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        ASTRO_TELEMETRY_DISABLED: '1',
        PASSERELLE_OUT_DIR: options.outDir,
        PASSERELLE_CACHE_DIR: options.cacheDir,
        ...(options.contentDir ? { PASSERELLE_CONTENT_DIR: options.contentDir } : {}),
        PASSERELLE_DEPLOY_TARGET: options.target ?? 'node',
        ...(options.precompress === false ? { PASSERELLE_PRECOMPRESS: '0' } : {}),
        ...options.env,
      },
    },
  };
}

const buildFailed = (options: SiteBuildOptions, status: number | null): Error =>
  new Error(`La construction du site (${options.outDir}) a échoué (code ${status}).`);

/** The build's command with its output: `quiet` hides Astro's progress lines, errors still show. */
function buildProcess(options: SiteBuildOptions, quiet: boolean): [string, string[], SpawnOptions] {
  const { command, args, options: spawnOptions } = astroBuildCommand(options);
  return [command, args, { ...spawnOptions, stdio: ['ignore', quiet ? 'ignore' : 'inherit', 'inherit'] }];
}

/** Builds the site and throws a French error when the build fails. */
export function buildSite(options: SiteBuildOptions, { quiet = false }: { quiet?: boolean } = {}): void {
  const build = spawnSync(...buildProcess(options, quiet));
  if (build.status !== 0) throw buildFailed(options, build.status);
}

/** The same build without blocking the process: several sites can be built side by side. */
export function buildSiteAsync(options: SiteBuildOptions, { quiet = false }: { quiet?: boolean } = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const build = spawn(...buildProcess(options, quiet));
    build.once('error', reject);
    build.once('close', (status) => (status === 0 ? resolve() : reject(buildFailed(options, status))));
  });
}

/**
 * Writes a content folder for a test or benchmark build: the given services (each with its id), and
 * the real organisations, pages and where-to-ask contacts so that every page builds. Returns the folder.
 */
export function writeContentFolder(dir: string, services: readonly ({ id: string } & object)[]): string {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'services'), { recursive: true });
  cpSync(join(PROJECT_ROOT, 'content/organisations'), join(dir, 'organisations'), { recursive: true });
  cpSync(join(PROJECT_ROOT, 'content/pages'), join(dir, 'pages'), { recursive: true });
  cpSync(join(PROJECT_ROOT, 'content/ou-demander.yaml'), join(dir, 'ou-demander.yaml'));
  for (const { id, ...service } of services) writeFileSync(join(dir, 'services', `${id}.yaml`), stringify(service));
  return dir;
}
