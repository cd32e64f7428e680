/**
 * Builds the fixture sites the e2e files share, two at a time (or reuses the builds of an earlier run,
 * fixture-builds.ts; the list is fixture-sites.ts). The main one is built on the fixture content
 * (tests/fixtures/site: made-up services, never content/services/, which federations edit), with its
 * .br and .gz files (the static-serving tests ask for them). The setup then starts it with the
 * project's own serve script on a free loopback port, and hands its URL and content folder to the
 * tests. The mail transport writes into a temporary outbox and Resend is never reached. A file that
 * needs another site serves it itself.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { BUILDS_DIR, PROJECT_ROOT } from '../../scripts/lib/site-build.ts';
import { serveArguments } from '../../scripts/lib/serve-command.ts';
import { browserExecutable, NoBrowserError } from './browser-executable.ts';
import { fixtureBuild } from './fixture-builds.ts';
import { MAIN_SITE } from './fixture-site.ts';
import { SHARED_FIXTURE_SITES } from './fixture-sites.ts';
import { freePort, waitForHttp } from './http-helpers.ts';
import { mapLimit } from './site-crawl.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    outDir: string;
    /** The content folder the site was built from (the fixture content). */
    contentDir: string;
    outboxDir: string;
  }
}

let server: ChildProcess | undefined;

export default async function setup(project: TestProject): Promise<() => void> {
  // Found (and, for the packaged Chromium, unpacked) once, before any build: without a browser the
  // run stops at once with one French line; the test files then find the same one.
  const browser = await browserExecutable().catch((error: unknown) => {
    if (!(error instanceof NoBrowserError)) throw error;
    console.error(error.message);
    return process.exit(1);
  });
  Object.assign(process.env, { CHROMIUM_PATH: browser.path, ...browser.env });
  console.log(`Navigateur des tests : ${browser.path} (${browser.origin})`);
  mkdirSync(BUILDS_DIR, { recursive: true });
  const builds = await mapLimit(SHARED_FIXTURE_SITES, 2, fixtureBuild);
  const main = builds[SHARED_FIXTURE_SITES.indexOf(MAIN_SITE)];
  if (!main) throw new Error('Le site principal des tests manque à la liste des sites partagés (fixture-sites.ts).');
  const { outDir, contentDir } = main;
  const port = await freePort();
  const outboxDir = mkdtempSync(join(tmpdir(), 'passerelle-e2e-outbox-'));
  server = spawn(process.execPath, serveArguments(), {
    cwd: PROJECT_ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, PASSERELLE_OUT_DIR: outDir, PORT: String(port), HOST: '127.0.0.1', OUTBOX_DIR: outboxDir, ...e2eServerEnv() },
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForHttp(`${baseUrl}/`, 30_000);
  project.provide('baseUrl', baseUrl);
  project.provide('outDir', outDir);
  project.provide('contentDir', contentDir);
  project.provide('outboxDir', outboxDir);
  return () => {
    server?.kill('SIGTERM');
    rmSync(outboxDir, { recursive: true, force: true });
  };
}

/** Extra environment for the served site in tests (a suite that needs Resend starts its own server). */
function e2eServerEnv(): Record<string, string> {
  return { RESEND_API_KEY: '' };
}
