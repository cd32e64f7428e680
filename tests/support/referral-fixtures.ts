/**
 * Fictitious services for the referral tests, on real geography (Arras 62041, Lens 62498), written by
 * the tests themselves: no real service accepts online referrals, and tests never read content/.
 * Every address ends in .test, every phone number is made up.
 */
import { serviceSchema, type Service, type ServiceInput } from '../../src/lib/content/service-schema.ts';
import { FORM_FIELDS, type FormFields } from '../../src/lib/referral/referral-form.ts';

export type FixtureService = ServiceInput & { id: string };

const common = {
  status: 'actif' as const,
  summary: 'Service fictif créé par les tests du formulaire d’orientation, sur une géographie réelle.',
  sources: [{ url: 'https://exemple.test/source' }],
  lastChecked: '2026-11-01',
};

const ARRAS = { postalCode: '62000', communeCode: '62041', latitude: 50.2899, longitude: 2.7663 };
const LENS = { postalCode: '62300', communeCode: '62498', latitude: 50.4376, longitude: 2.8211 };

/** The referral fixtures: two espaces de rencontre and a mediation that accept referrals, and services that do not. */
export function referralFixtureServices(): FixtureService[] {
  return [
    {
      ...common,
      id: 'test-espace-rencontre-arras',
      name: 'Espace rencontre fictif d’Arras',
      kinds: ['espace-rencontre', 'visites-tiers'],
      access: ['decision-jaf', 'decision-juge-des-enfants'],
      contact: { phone: '03 21 00 00 01', website: 'https://exemple.test/er-arras' },
      orientation: {
        email: 'orientation-er-arras@exemple.test',
        acceptedAccess: ['decision-jaf', 'decision-juge-des-enfants'],
        consent: { date: '2026-10-01', channel: 'lien-confirme', confirmedBy: 'orientation-er-arras@exemple.test' },
      },
      locations: [{ ...ARRAS, address: '1 rue fictive' }],
      servedArea: { departements: ['62'] },
    },
    {
      ...common,
      id: 'test-espace-rencontre-lens',
      name: 'Espace rencontre fictif de Lens',
      kinds: ['espace-rencontre'],
      access: ['decision-jaf', 'demarche-spontanee'],
      contact: { phone: '03 21 00 00 02' },
      orientation: {
        email: 'orientation-er-lens@exemple.test',
        acceptedAccess: ['decision-jaf', 'demarche-spontanee'],
        consent: { date: '2026-10-01', channel: 'lien-confirme', confirmedBy: 'orientation-er-lens@exemple.test' },
      },
      locations: [{ ...LENS, address: '2 rue fictive' }],
      servedArea: { departements: ['62'] },
    },
    {
      ...common,
      id: 'test-mediation-arras',
      name: 'Médiation familiale fictive d’Arras',
      kinds: ['mediation-familiale'],
      access: ['demarche-spontanee', 'decision-jaf', 'orientation-professionnel'],
      contact: { phone: '03 21 00 00 03' },
      orientation: {
        email: 'orientation-mf-arras@exemple.test',
        acceptedAccess: ['demarche-spontanee', 'decision-jaf', 'orientation-professionnel'],
        consent: { date: '2026-10-01', channel: 'lien-confirme', confirmedBy: 'orientation-mf-arras@exemple.test' },
      },
      locations: [{ ...ARRAS }],
      servedArea: { departements: ['62'] },
    },
    {
      ...common,
      id: 'test-mediation-lens-sans-orientation',
      name: 'Médiation familiale fictive de Lens',
      kinds: ['mediation-familiale'],
      access: ['demarche-spontanee'],
      contact: { phone: '03 21 00 00 04', website: 'https://exemple.test/mf-lens' },
      locations: [{ ...LENS }],
      servedArea: { departements: ['62'] },
    },
    {
      ...common,
      id: 'test-parentalite-lens',
      name: 'Lieu parents fictif de Lens',
      kinds: ['soutien-parentalite'],
      contact: { phone: '03 21 00 00 05' },
      locations: [{ ...LENS }],
      servedArea: { departements: ['62'] },
    },
  ];
}

/** The fixtures parsed by the real content schema, as the site sees them. */
export function parsedFixtureServices(fixtures: FixtureService[] = referralFixtureServices()): Service[] {
  return fixtures.map(({ id, ...input }) => ({ ...serviceSchema.parse(input), id }));
}

/**
 * A synthetic service (fictional name), validated by the real schema: for unit tests that set only
 * the kinds, places and the fields they look at.
 */
export function syntheticService(id: string, overrides: Partial<ServiceInput> & Pick<ServiceInput, 'kinds' | 'locations'>): Service {
  const data = serviceSchema.parse({
    name: `Service fictif ${id}`,
    status: 'actif',
    summary: 'Un service fictif pour les tests unitaires.',
    sources: [{ url: 'https://exemple.test/source' }],
    lastChecked: '2026-11-01',
    ...overrides,
  });
  return { ...data, id };
}

const VALID_REFERRAL_REQUEST = {
  violence: 'non',
  kind: 'espace-rencontre',
  communeCode: '62263',
  requester: { role: 'parent', name: 'Camille', email: 'camille@exemple.test', phone: '06 12 34 56 78' },
  courtDecision: { type: 'jaf', date: '2026-03-15' },
  childrenAges: [4, 9],
  message: 'Bonjour',
  consent: true,
  submissionId: '3f1c2a8e-7d4b-4c1e-9a2f-0b1c2d3e4f50',
};

/** A valid request of the referral contract (JSON), as another client sends it, with changes (a fresh copy each time). */
export const validReferralRequest = (change: Record<string, unknown> = {}): typeof VALID_REFERRAL_REQUEST & Record<string, unknown> => ({
  ...structuredClone(VALID_REFERRAL_REQUEST),
  ...change,
});

/** The fields of the referral form as a browser posts them, filled in correctly, with changes. */
export const filledReferralForm = (change: FormFields = {}): FormFields => ({
  [FORM_FIELDS.violence]: 'non',
  [FORM_FIELDS.kind]: 'espace-rencontre',
  [FORM_FIELDS.commune]: 'Arras',
  [FORM_FIELDS.role]: 'parent',
  [FORM_FIELDS.name]: 'Camille',
  [FORM_FIELDS.email]: '',
  [FORM_FIELDS.phone]: '06 12 34 56 78',
  [FORM_FIELDS.courtDecision]: 'aucune',
  [FORM_FIELDS.courtDecisionDate]: '2026-01-01',
  [FORM_FIELDS.childrenAges]: '3, 7 et 12 ans',
  [FORM_FIELDS.message]: 'Bonjour\r\nMerci',
  [FORM_FIELDS.consent]: 'on',
  [FORM_FIELDS.submissionId]: '3f1c2a8e-7d4b-4c1e-9a2f-0b1c2d3e4f50',
  ...change,
});
