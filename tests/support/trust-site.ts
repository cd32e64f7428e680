/**
 * The fixture site of the referral and trust suites (referral, safety, keyboard, the web editor and
 * the Node side of the deploy targets): the referral fixtures (services that accept referrals, each
 * with its private referral address) plus an espace de rencontre whose place is confidential, built
 * with the web editor (/admin/) configured. Built once and shared by the files that need it
 * (fixture-builds.ts).
 */
import { fixtureBuild } from './fixture-builds.ts';
import { referralFixtureServices, type FixtureService } from './referral-fixtures.ts';
import { fixtureSiteOf } from './referral-site.ts';

/** What the confidential place must never show, in any built file. */
export const CONFIDENTIAL_PLACE = {
  address: '12 allée des Glycines-Secrètes',
  name: 'Appartement des Glycines',
  latitude: 50.31234,
  longitude: 2.71234,
} as const;

/** The referral fixtures and the service with a confidential place. */
export function trustFixtureServices(): FixtureService[] {
  return [
    ...referralFixtureServices(),
    {
      id: 'test-lieu-protege',
      name: 'Espace rencontre fictif à lieu protégé',
      kinds: ['espace-rencontre'],
      status: 'actif',
      summary: 'Service fictif des tests de sécurité : son lieu d’accueil est protégé et ne doit jamais être publié.',
      // Referrals on a decision of the juge des enfants only: the referral suites, which share this site,
      // send theirs on a JAF decision to the espace de rencontre of Arras, which stays the one they reach.
      access: ['decision-juge-des-enfants'],
      contact: { phone: '03 21 00 00 09' },
      orientation: {
        email: 'orientation-protege@exemple.test',
        acceptedAccess: ['decision-juge-des-enfants'],
        consent: { date: '2026-10-01', channel: 'lien-confirme', confirmedBy: 'orientation-protege@exemple.test' },
      },
      locations: [{ postalCode: '62000', communeCode: '62041', ...CONFIDENTIAL_PLACE, confidential: true }],
      servedArea: { departements: ['62'] },
      sources: [{ url: 'https://exemple.test/source' }],
      lastChecked: '2026-11-01',
    },
  ];
}

/** The web editor's settings the site is built with (its /admin/ files exist only with them). */
export const TRUST_SITE_EDITOR = { PASSERELLE_ADMIN_BACKEND: 'github', PASSERELLE_ADMIN_REPO: 'federation/passerelle' };

export const TRUST_SITE = fixtureSiteOf('trust-fixtures', trustFixtureServices(), { env: TRUST_SITE_EDITOR });

/** Builds the trust fixture site, or reuses the one built earlier from the same fixtures and sources. */
export function buildTrustSite(): string {
  return fixtureBuild(TRUST_SITE).outDir;
}
