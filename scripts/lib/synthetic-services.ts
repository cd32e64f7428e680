/**
 * Synthetic services for tests and benchmarks only, generated at run time and never committed:
 * spread over communes in proportion to their population, with every kind, some confidential
 * places and some services that accept online referrals. Deterministic for a given seed.
 */
import type { ServiceInput } from '../../src/lib/content/service-schema.ts';
import { ACCESS_MODES, SERVICE_KINDS, type ServiceKind } from '../../src/lib/services/service-vocabulary.ts';
import { communeIndex, type Commune } from '../../src/lib/territories/territory-data.ts';
import { writeContentFolder } from './site-build.ts';

/** mulberry32: a small, fast, seedable PRNG. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Picks communes with probability proportional to population (binary search on cumulative sums). */
export function populationSampler(random: () => number): () => Commune {
  const communes = [...communeIndex().values()].filter(
    (c) =>
      c.postalCodes.length > 0 &&
      !c.departementCode.startsWith('98') &&
      c.departementCode !== '975' &&
      c.departementCode !== '977' &&
      c.departementCode !== '978',
  );
  const cumulative: number[] = [];
  let total = 0;
  for (const commune of communes) {
    total += Math.max(commune.population, 1);
    cumulative.push(total);
  }
  return () => {
    const target = random() * total;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((cumulative[mid] as number) < target) low = mid + 1;
      else high = mid;
    }
    return communes[low] as Commune;
  };
}

const WORDS = [
  'Passerelle',
  'Trait d’union',
  'Les Liens',
  'Horizon',
  'La Maison',
  'Le Relais',
  'L’Escale',
  'Arc-en-ciel',
  'Les Tilleuls',
  'Le Phare',
];
const HOURS = ['Mo-Fr 09:00-12:00,14:00-17:00', 'Tu-Sa 13:00-21:00', 'We,Sa 09:30-12:30', 'Mo,Th 14:00-18:00; PH off'];

export interface SyntheticService extends ServiceInput {
  id: string;
}

export function generateSyntheticServices(count: number, seed = 42): SyntheticService[] {
  const random = seededRandom(seed);
  const pickCommune = populationSampler(random);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const services: SyntheticService[] = [];
  for (let i = 0; i < count; i++) {
    const commune = pickCommune();
    const kinds = new Set<ServiceKind>([pick(SERVICE_KINDS)]);
    if (random() < 0.3) kinds.add(pick(SERVICE_KINDS));
    const locationCount = random() < 0.15 ? 2 : 1;
    const locations = Array.from({ length: locationCount }, (_, n) => {
      const place = n === 0 ? commune : pickCommune();
      const confidential = random() < 0.05;
      const exact = !confidential && random() < 0.7;
      return {
        postalCode: place.postalCodes[0] as string,
        communeCode: place.code,
        ...(exact
          ? {
              address: `${1 + Math.floor(random() * 120)} rue de la République`,
              latitude: round4(place.lat + (random() - 0.5) * 0.01),
              longitude: round4(place.lng + (random() - 0.5) * 0.01),
            }
          : {}),
        ...(random() < 0.6 ? { openingHours: pick(HOURS) } : {}),
        confidential,
      };
    });
    const name = `${pick(WORDS)} ${commune.name} ${i + 1}`;
    const accepts = random() < 0.3;
    services.push({
      id: `synthetique-${i + 1}`,
      name,
      kinds: [...kinds],
      status: 'actif',
      summary: `Service synthétique de test n° ${i + 1}, à ${commune.name}, généré pour les mesures de performance.`,
      publics: ['parents', 'enfants'],
      access: [pick(ACCESS_MODES), 'demarche-spontanee'],
      fees: { kind: random() < 0.5 ? 'gratuit' : 'bareme-national' },
      contact: {
        phone: `03 ${String(10 + Math.floor(random() * 89))} 00 00 ${String(10 + (i % 89))}`,
        website: `https://exemple.test/service-${i + 1}`,
      },
      ...(accepts
        ? {
            orientation: {
              email: `orientation-${i + 1}@exemple.test`,
              acceptedAccess: ['demarche-spontanee', 'decision-jaf', 'decision-juge-des-enfants'],
              consent: { date: '2026-10-01', channel: 'lien-confirme', confirmedBy: `orientation-${i + 1}@exemple.test` },
            },
          }
        : {}),
      locations,
      servedArea: { departements: [commune.departementCode], communes: [] },
      sources: [{ url: `https://exemple.test/source-${i + 1}` }],
      lastChecked: '2026-10-01',
    });
  }
  return services;
}

function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

/**
 * Writes a complete content folder with `count` synthetic services (plus the real organisations
 * and pages, so that every page builds) and returns its path.
 */
export function writeSyntheticContent(dir: string, count: number, seed = 42): string {
  return writeContentFolder(dir, generateSyntheticServices(count, seed));
}
