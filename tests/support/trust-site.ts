/**
 * The fixture site of the referral, trust and contribution suites (referral, safety, keyboard, the web
 * editor, contributions and the Node side of the deploy targets): the referral fixtures (services that
 * accept referrals, each with its private referral address), an espace de rencontre whose place is
 * confidential, and one in Béthune that does not receive referrals yet, built with the web editor
 * (/admin/) configured. All in the Pas-de-Calais: the Somme next to it is a white zone. Built once and
 * shared by the files that need it (fixture-builds.ts, fixture-sites.ts).
 */
import { fixtureBuild, fixtureSiteOf } from './fixture-builds.ts';
import { referralFixtureServices, type FixtureService } from './referral-fixtures.ts';

/** What the confidential place must never show, in any built file. */
export const CONFIDENTIAL_PLACE = {
  address: '12 allée des Glycines-Secrètes',
  name: 'Appartement des Glycines',
  latitude: 50.31234,
  longitude: 2.71234,
} as const;

/**
 * The service the contributions start from: it does not receive referrals yet, and its entry publishes
 * an address (the opt-in goes there). Nearer Beuvry than any service that receives referrals, so that
 * once it opts in, a referral from Beuvry reaches it.
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

/** The referral fixtures, the service with a confidential place, and the contributions' service. */
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
    CONTRIBUTION_BETHUNE,
  ];
}

/** The web editor's settings the site is built with (its /admin/ files exist only with them). */
export const TRUST_SITE_EDITOR = { PASSERELLE_ADMIN_BACKEND: 'github', PASSERELLE_ADMIN_REPO: 'federation/passerelle' };

export const TRUST_SITE = fixtureSiteOf('trust-fixtures', trustFixtureServices(), { env: TRUST_SITE_EDITOR });

/** Builds the trust fixture site, or reuses the one built earlier from the same fixtures and sources. */
export async function buildTrustSite(): Promise<string> {
  return (await fixtureBuild(TRUST_SITE)).outDir;
}
