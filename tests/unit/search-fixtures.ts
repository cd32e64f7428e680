/**
 * A handful of services written for the search tests, on real geography (COG communes), never
 * read from content/. One is closed, one has a confidential place with a secret address.
 */
import { serviceSchema, type Service, type ServiceInput } from '../../src/lib/content/service-schema.ts';
import type { SearchPlace } from '../../src/lib/search/search-model.ts';
import { communePlace as placeOfCommune } from '../../src/lib/search/search-place.ts';
import { getCommune } from '../../src/lib/territories/territory-data.ts';

/** The secret address and point of the confidential place: they must never reach a search document. */
export const SECRET_ADDRESS = '12 rue du Secret';
export const SECRET_POINT = { latitude: 50.6401, longitude: 3.0712 };

function place(communeCode: string, extra: Record<string, unknown> = {}) {
  const commune = getCommune(communeCode);
  if (!commune) throw new Error(`Commune inconnue dans les fixtures : ${communeCode}`);
  return { communeCode, postalCode: commune.postalCodes[0], ...extra };
}

function service(id: string, input: Partial<ServiceInput> & Pick<ServiceInput, 'name' | 'kinds' | 'summary' | 'locations'>): Service {
  return {
    ...serviceSchema.parse({
      status: 'actif',
      sources: [{ url: `https://exemple.test/${id}` }],
      lastChecked: '2026-11-01',
      ...input,
    }),
    id,
  };
}

export const SEARCH_FIXTURE_SERVICES: Service[] = [
  service('er-arras', {
    name: 'Espace rencontre Le Lien',
    kinds: ['espace-rencontre'],
    summary: 'Un lieu neutre où l’enfant retrouve son parent, avec des accueillants formés, sur décision du juge.',
    locations: [place('62041', { latitude: 50.291, longitude: 2.7775, address: '3 place des Héros' })],
    servedArea: { departements: ['62'] },
    access: ['decision-jaf', 'demarche-spontanee'],
    publics: ['parents', 'enfants'],
    fees: { kind: 'gratuit' },
    contact: { phone: '03 21 00 00 01' },
    orientation: {
      email: 'orientation@exemple.test',
      acceptedAccess: ['decision-jaf'],
      consent: { date: '2026-10-01', channel: 'lien-confirme', confirmedBy: 'orientation@exemple.test' },
    },
  }),
  service('mf-lens', {
    name: 'Médiation familiale du Bassin minier',
    kinds: ['mediation-familiale'],
    summary: 'Des médiateurs familiaux diplômés d’État aident les parents séparés à trouver des accords.',
    locations: [place('62498')],
    access: ['demarche-spontanee'],
    publics: ['parents', 'grands-parents'],
    fees: { kind: 'bareme-national' },
    languages: ['fr', 'en'],
  }),
  service('mf-bethune', {
    name: 'Association Trait d’Union',
    kinds: ['mediation-familiale'],
    summary: 'Accompagnement des familles en conflit, entretiens d’information gratuits à Béthune.',
    locations: [place('62119', { latitude: 50.5301, longitude: 2.6405 })],
    access: ['demarche-spontanee', 'decision-jaf'],
    publics: ['parents'],
    fees: { kind: 'bareme-national' },
    languages: ['fr', 'ar'],
    orientation: {
      email: 'contact@exemple.test',
      acceptedAccess: ['demarche-spontanee'],
      consent: { date: '2026-10-01', channel: 'lien-confirme', confirmedBy: 'contact@exemple.test' },
    },
  }),
  service('vt-lille', {
    name: 'Service des visites protégées',
    kinds: ['visites-tiers'],
    summary: 'Les visites entre un enfant confié et ses parents, en présence d’un professionnel, dans un lieu protégé.',
    locations: [place('59350', { address: SECRET_ADDRESS, ...SECRET_POINT, confidential: true })],
    servedArea: { departements: ['59'] },
    access: ['decision-juge-des-enfants'],
    publics: ['parents', 'enfants'],
    fees: { kind: 'gratuit' },
  }),
  service('laep-douai', {
    name: 'La Maison des Petits Pas',
    kinds: ['soutien-parentalite'],
    parentingSupportFormats: ['laep'],
    summary: 'Un lieu d’accueil enfants-parents pour les tout-petits et leurs parents, anonyme et gratuit.',
    locations: [place('59178', { latitude: 50.3702, longitude: 3.0795 })],
    access: ['demarche-spontanee'],
    publics: ['parents', 'enfants', 'futurs-parents'],
    fees: { kind: 'gratuit' },
  }),
  service('mf-paris', {
    name: 'Paris Médiation Famille',
    kinds: ['mediation-familiale', 'soutien-parentalite'],
    summary: 'Médiation familiale et groupes de parole pour les parents, à Paris et Boulogne-Billancourt.',
    locations: [place('75115', { latitude: 48.8421, longitude: 2.2989 }), place('92012', { latitude: 48.8352, longitude: 2.2405 })],
    servedArea: { communes: ['75056'] },
    access: ['demarche-spontanee', 'orientation-professionnel'],
    publics: ['parents', 'adolescents'],
    fees: { kind: 'payant', details: '20 € par séance' },
  }),
  service('ms-amiens', {
    name: 'Médiateurs de quartier d’Amiens',
    kinds: ['mediation-sociale'],
    status: 'fermé temporairement',
    summary: 'Des médiateurs sociaux apaisent les conflits de voisinage et accompagnent les habitants.',
    locations: [place('80021')],
    publics: ['habitants'],
    fees: { kind: 'gratuit' },
  }),
  service('ferme-arras', {
    name: 'Ancien espace rencontre fermé',
    kinds: ['espace-rencontre'],
    status: 'fermé',
    summary: 'Ce service a fermé ses portes ; il ne doit jamais apparaître dans une recherche.',
    locations: [place('62041')],
  }),
];

/** A place for a search, from a commune's INSEE code, as the search page builds it. */
export function communePlace(code: string): SearchPlace {
  const commune = getCommune(code);
  if (!commune) throw new Error(`Commune inconnue : ${code}`);
  return placeOfCommune(commune);
}
