/**
 * The fixture sites the e2e files share, in one list: the global setup builds them side by side
 * before any file runs (a build keeps one core busy for part of its time, so two at a time fill the
 * processor), and each file then finds its site built (fixture-builds.ts).
 */
import { SEARCH_FIXTURE_SERVICES } from '../unit/search-fixtures.ts';
import { fixtureSiteOf, type FixtureSite } from './fixture-builds.ts';
import { MAIN_SITE } from './fixture-site.ts';
import { TRUST_SITE } from './trust-site.ts';

/** The search page's site: the search fixtures on real communes. */
export const SEARCH_SITE: FixtureSite = fixtureSiteOf('search-e2e', SEARCH_FIXTURE_SERVICES);

/** Every shared site, the largest first. */
export const SHARED_FIXTURE_SITES: readonly FixtureSite[] = [MAIN_SITE, TRUST_SITE, SEARCH_SITE];
