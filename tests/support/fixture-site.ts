/**
 * The fixture site: made-up services in four départements (tests/fixtures/site/services), so that the
 * browser tests of « aucun service connu à moins de N km », the white zones and old sources never
 * depend on content/services/, which federations edit every week. Built once per e2e run.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILDS_DIR, PROJECT_ROOT } from '../../scripts/lib/site-build.ts';
import { parseYaml } from '../../scripts/lib/content-files.ts';
import type { FixtureService } from './referral-fixtures.ts';
import { buildFixtureSite } from './referral-site.ts';

/** The folder of the fixture services. */
export const FIXTURE_SERVICES_DIR = join(PROJECT_ROOT, 'tests/fixtures/site/services');

/** The fixture services, each with its id (its file name). */
export function fixtureSiteServices(): FixtureService[] {
  return readdirSync(FIXTURE_SERVICES_DIR)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => ({ ...(parseYaml(readFileSync(join(FIXTURE_SERVICES_DIR, name), 'utf8')) as Omit<FixtureService, 'id'>), id: name.slice(0, -'.yaml'.length) }));
}

/**
 * Builds the fixture site, or reuses the one built earlier in the same e2e run (keyed, like the trust
 * site, on the run's main build and on the fixtures and where-to-ask file).
 */
export function buildSiteOnFixtures(mainOutDir: string): string {
  const entry = join(mainOutDir, 'server/entry.mjs');
  const runKey = `${mainOutDir}|${existsSync(entry) ? statSync(entry).mtimeMs : 0}`;
  const whereToAsk = readFileSync(join(PROJECT_ROOT, 'content/ou-demander.yaml'), 'utf8');
  const key = createHash('sha256').update(JSON.stringify([runKey, fixtureSiteServices(), whereToAsk])).digest('hex');
  const stampDir = join(BUILDS_DIR, 'site-fixtures');
  const stamp = join(stampDir, 'fixture-key.txt');
  const reuse = existsSync(stamp) && readFileSync(stamp, 'utf8') === key;
  const built = buildFixtureSite('site-fixtures', fixtureSiteServices(), { reuse });
  mkdirSync(stampDir, { recursive: true });
  writeFileSync(stamp, key);
  return built;
}
