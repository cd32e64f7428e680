/**
 * The fixture sites the e2e files share, in one list: the global setup builds them side by side
 * before any file runs (a build keeps one core busy for part of its time, so two at a time fill the
 * processor), and each file then finds its site built (fixture-builds.ts).
 */
import { writeContentFolder } from '../../scripts/lib/site-build.ts';
import { SEARCH_FIXTURE_SERVICES } from '../unit/search-fixtures.ts';
import type { FixtureSite } from './fixture-builds.ts';
import { MAIN_SITE } from './fixture-site.ts';
import type { FixtureService } from './referral-fixtures.ts';
import { TRUST_SITE } from './trust-site.ts';

/** The search page's site: the search fixtures on real communes. */
export const SEARCH_SITE: FixtureSite = { name: 'search-e2e', writeContent: (dir) => writeContentFolder(dir, SEARCH_FIXTURE_SERVICES) };

/**
 * The contributions' site: one service that does not receive referrals yet, whose entry publishes an
 * address (the opt-in goes there), alone in the Pas-de-Calais so that its neighbours are white zones.
 */
export const CONTRIBUTION_BETHUNE: FixtureService = {
  id: 'test-espace-rencontre-bethune',
  name: 'Espace rencontre fictif de Béthune',
  kinds: ['espace-rencontre'],
  status: 'actif',
  summary: 'Service fictif créé par les tests des contributions, sur une géographie réelle.',
  access: ['decision-jaf', 'demarche-spontanee'],
  contact: { phone: '03 21 00 00 11', email: 'accueil-bethune@exemple.test' },
  locations: [{ postalCode: '62400', communeCode: '62119', address: '5 rue fictive' }],
  servedArea: { departements: ['62'] },
  sources: [{ url: 'https://exemple.test/er-bethune' }],
  lastChecked: '2026-11-01',
};

export const CONTRIBUTION_SITE: FixtureSite = {
  name: 'contribution-e2e',
  writeContent: (dir) => writeContentFolder(dir, [CONTRIBUTION_BETHUNE]),
};

/** Every shared site, the largest first. */
export const SHARED_FIXTURE_SITES: readonly FixtureSite[] = [MAIN_SITE, TRUST_SITE, SEARCH_SITE, CONTRIBUTION_SITE];
