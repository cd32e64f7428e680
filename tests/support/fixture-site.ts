/**
 * The content the e2e suite builds its main site from: made-up services and organisations
 * (tests/fixtures/site), so that the browser tests never depend on content/services/, which federations
 * edit every week. The editorial pages and ou-demander.yaml are the real ones (every page must build).
 */
import { cpSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseYaml } from '../../scripts/lib/content-files.ts';
import { PROJECT_ROOT, writeContentFolder } from '../../scripts/lib/site-build.ts';
import type { FixtureSite } from './fixture-builds.ts';
import type { FixtureService } from './referral-fixtures.ts';

/** The fixture content: services/ and organisations/. */
export const FIXTURE_SITE_DIR = join(PROJECT_ROOT, 'tests/fixtures/site');

/** The fixture services, each with its id (its file name). */
export function fixtureSiteServices(): FixtureService[] {
  const dir = join(FIXTURE_SITE_DIR, 'services');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => ({
      ...(parseYaml(readFileSync(join(dir, name), 'utf8')) as Omit<FixtureService, 'id'>),
      id: name.slice(0, -'.yaml'.length),
    }));
}

/** Writes the content folder of the fixture site into `dir` and returns it. */
export function writeFixtureSiteContent(dir: string): string {
  writeContentFolder(dir, fixtureSiteServices());
  cpSync(join(FIXTURE_SITE_DIR, 'organisations'), join(dir, 'organisations'), { recursive: true });
  return dir;
}

/** The main site of the e2e suite, with its .br and .gz files (the static-serving tests ask for them). */
export const MAIN_SITE: FixtureSite = { name: 'e2e-main', writeContent: writeFixtureSiteContent, options: { precompress: true } };
