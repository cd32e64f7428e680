/**
 * The fixture site of the trust suites (safety, keyboard): the referral fixtures (services that
 * accept referrals, each with its private referral address) plus an espace de rencontre whose place
 * is confidential. Built once per e2e run and shared by the files that need it.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILDS_DIR } from '../../scripts/lib/site-build.ts';
import { referralFixtureServices, type FixtureService } from './referral-fixtures.ts';
import { buildFixtureSite } from './referral-site.ts';

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
      access: ['decision-jaf'],
      contact: { phone: '03 21 00 00 09' },
      orientation: { email: 'orientation-protege@exemple.test', acceptedAccess: ['decision-jaf'], consent: { date: '2026-10-01', channel: 'lien-confirme', confirmedBy: 'orientation-protege@exemple.test' } },
      locations: [{ postalCode: '62000', communeCode: '62041', ...CONFIDENTIAL_PLACE, confidential: true }],
      servedArea: { departements: ['62'] },
      sources: [{ url: 'https://exemple.test/source' }],
      lastChecked: '2026-11-01',
    },
  ];
}

/**
 * Builds the trust fixture site, or reuses the one built earlier in the same e2e run: `mainOutDir` is
 * the run's main build (inject('outDir')); its server bundle's date and the fixtures make the key, so
 * a new main build (E2E_DIST removed, or a fresh run) or other fixtures build again.
 */
export function buildTrustSite(mainOutDir: string): string {
  const entry = join(mainOutDir, 'server/entry.mjs');
  const runKey = `${mainOutDir}|${existsSync(entry) ? statSync(entry).mtimeMs : 0}`;
  const key = createHash('sha256').update(JSON.stringify([runKey, trustFixtureServices()])).digest('hex');
  const stamp = join(BUILDS_DIR, 'trust-fixtures', 'fixture-key.txt');
  const reuse = existsSync(stamp) && readFileSync(stamp, 'utf8') === key;
  const built = buildFixtureSite('trust-fixtures', trustFixtureServices(), { reuse });
  writeFileSync(stamp, key);
  return built;
}
