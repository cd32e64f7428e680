/**
 * The data·inclusion v1 format (structures.json and services.json), so that data·inclusion and DORA
 * can take Passerelle as a source: that schema's field names and values, one data·inclusion service
 * per place of a Passerelle service (its address fields hold one place), opening hours as
 * `horaires_accueil`. Positions come from resolveLocations: a confidential place has no address and
 * its commune's centroid, and says so in `complement_adresse`.
 */
import type { Organisation } from '../content/organisation-schema.ts';
import type { Service } from '../content/service-schema.ts';
import { resolveLocations } from '../services/service-geography.ts';
import { orientationPath } from '../services/service-paths.ts';
import { FEE_KIND_LABELS, type Public, type ServiceKind } from '../services/service-vocabulary.ts';
import { serviceUrl, sortedServices, type OpenDataInput } from './open-data.ts';

/** The producer's name in data·inclusion ids ("passerelle--<id>"). */
export const DATA_INCLUSION_SOURCE = 'passerelle';

/**
 * Passerelle's kinds on data·inclusion's thématiques (v1). Médiation sociale is about conflicts of
 * everyday life, not family ones: it goes under "lien social".
 */
export const DATA_INCLUSION_THEMATIQUES: Record<ServiceKind, string[]> = {
  'mediation-familiale': ['famille--surmonter-conflits-separation-violence'],
  'espace-rencontre': ['famille--surmonter-conflits-separation-violence'],
  'visites-tiers': ['famille--surmonter-conflits-separation-violence'],
  'soutien-parentalite': ['famille--soutien-a-la-parentalite-et-a-leducation'],
  'mediation-sociale': ['remobilisation--lien-social'],
};

/** Passerelle's publics on data·inclusion's (which has no "parents": they are "familles"). */
const PUBLICS: Record<Public, string | undefined> = {
  parents: 'familles',
  'grands-parents': 'familles',
  'futurs-parents': 'familles',
  enfants: 'familles',
  familles: 'familles',
  adolescents: 'jeunes',
  habitants: 'tous-publics',
  professionnels: undefined,
};

type Nullable<T> = { [K in keyof T]: T[K] | null };

/** Where a structure or a service receives people, in the fields both have. */
type DataInclusionPlace = {
  adresse: string;
  code_postal: string;
  code_insee: string;
  commune: string;
  latitude: number;
  longitude: number;
  horaires_accueil: string;
};

export type DataInclusionStructure = { source: string; id: string; nom: string; date_maj: string } & Nullable<
  {
    description: string;
    site_web: string;
    courriel: string;
    telephone: string;
    lien_source: string;
  } & DataInclusionPlace
>;

export type DataInclusionService = {
  source: string;
  structure_id: string;
  id: string;
  nom: string;
  description: string;
  date_maj: string;
} & Nullable<
  {
    type: string;
    thematiques: string[];
    publics: string[];
    frais: string;
    frais_precisions: string;
    conditions_acces: string;
    telephone: string;
    courriel: string;
    lien_source: string;
    lien_mobilisation: string;
    modes_accueil: string[];
    modes_mobilisation: string[];
    mobilisable_par: string[];
    complement_adresse: string;
    zone_eligibilite: string[];
  } & DataInclusionPlace
>;

/** "03 21 00 00 00" as E.164 ("+33321000000"), the form data·inclusion prefers. */
export function phoneE164(phone: string): string {
  const digits = phone.replace(/[\s.-]/g, '');
  return digits.startsWith('0') ? `+33${digits.slice(1)}` : digits;
}

const structureId = (id: string) => `${DATA_INCLUSION_SOURCE}--${id}`;
/** A service without an operator is its own structure. */
const ownStructureId = (serviceId: string) => structureId(`service-${serviceId}`);

const unique = <T>(values: T[]): T[] => [...new Set(values)];
const orNull = <T>(values: T[]): T[] | null => (values.length ? values : null);

/** structures.json: the operators of services, and a structure per service without one. */
export function dataInclusionStructures({ services, organisations, siteUrl }: OpenDataInput): DataInclusionStructure[] {
  const used = new Set(services.map((s) => s.organisation).filter((id): id is string => id !== undefined));
  const blank = {
    telephone: null,
    adresse: null,
    code_postal: null,
    code_insee: null,
    commune: null,
    latitude: null,
    longitude: null,
    horaires_accueil: null,
  };
  const operators = [...organisations]
    .filter((o) => used.has(o.id))
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((o: Organisation): DataInclusionStructure => ({
      source: DATA_INCLUSION_SOURCE,
      id: structureId(o.id),
      nom: o.name.slice(0, 150),
      date_maj: o.lastChecked,
      description: o.description,
      site_web: o.website ?? null,
      courriel: o.email ?? null,
      lien_source: o.sources.find((s) => s.url)?.url ?? null,
      ...blank,
    }));
  const ownStructures = sortedServices(services)
    .filter((s) => s.organisation === undefined)
    .map((s): DataInclusionStructure => {
      const place = resolveLocations(s)[0];
      return {
        source: DATA_INCLUSION_SOURCE,
        id: ownStructureId(s.id),
        nom: s.name.slice(0, 150),
        date_maj: s.lastChecked,
        description: s.summary,
        site_web: s.contact.website ?? null,
        courriel: s.contact.email ?? null,
        lien_source: serviceUrl(siteUrl, s.id),
        ...blank,
        telephone: s.contact.phone ? phoneE164(s.contact.phone) : null,
        adresse: place?.address ?? null,
        code_postal: place?.postalCode ?? null,
        code_insee: place?.communeCode ?? null,
        commune: place?.communeName ?? null,
        latitude: place?.lat ?? null,
        longitude: place?.lng ?? null,
      };
    });
  return [...operators, ...ownStructures];
}

/** A service's fees as data·inclusion's `frais` and `frais_precisions` (the barème national is "payant", named in the details). */
export function dataInclusionFees(service: Pick<Service, 'fees'>): { frais: string | null; frais_precisions: string | null } {
  const kind = service.fees.kind;
  const frais = kind === 'gratuit' ? 'gratuit' : kind === 'payant' || kind === 'bareme-national' ? 'payant' : null;
  const details = [kind === 'bareme-national' ? FEE_KIND_LABELS['bareme-national'] : undefined, service.fees.details]
    .filter(Boolean)
    .join('. ');
  return { frais, frais_precisions: details || null };
}

function publicsOf(service: Service): string[] | null {
  const mapped = unique(service.publics.map((p) => PUBLICS[p]).filter((p): p is string => p !== undefined));
  // "tous-publics" may not be combined with another public.
  if (mapped.includes('tous-publics')) return ['tous-publics'];
  return orNull(mapped);
}

/** services.json: one data·inclusion service per place of each Passerelle service. */
export function dataInclusionServices({ services, siteUrl }: OpenDataInput): DataInclusionService[] {
  return sortedServices(services).flatMap((service) => {
    const places = resolveLocations(service);
    const referral = service.orientation !== undefined;
    const byUsers = service.access.includes('demarche-spontanee') || service.access.length === 0;
    const byProfessionals = service.access.some((a) => a !== 'demarche-spontanee') || referral;
    const zone = unique([...service.servedArea.departements, ...service.servedArea.communes, ...places.map((p) => p.communeCode)]);
    const modes = [
      ...(service.contact.phone ? ['telephoner'] : []),
      ...(service.contact.email ? ['envoyer-un-courriel'] : []),
      ...(places.some((p) => p.address) ? ['se-presenter'] : []),
      ...(referral ? ['utiliser-lien-mobilisation'] : []),
    ];
    const description = [service.summary, service.description].filter(Boolean).join('\n\n').slice(0, 10_000);
    return places.map((place): DataInclusionService => ({
      source: DATA_INCLUSION_SOURCE,
      structure_id: service.organisation ? structureId(service.organisation) : ownStructureId(service.id),
      id: places.length === 1 ? structureId(service.id) : structureId(`${service.id}--${place.index}`),
      nom: service.name.slice(0, 150),
      description,
      date_maj: service.lastChecked,
      type: 'accompagnement',
      thematiques: unique(service.kinds.flatMap((k) => DATA_INCLUSION_THEMATIQUES[k])),
      publics: publicsOf(service),
      ...dataInclusionFees(service),
      conditions_acces:
        service.access.includes('decision-jaf') || service.access.includes('decision-juge-des-enfants')
          ? 'Accès possible sur décision de justice (juge aux affaires familiales ou juge des enfants).'
          : null,
      telephone: service.contact.phone ? phoneE164(service.contact.phone) : null,
      courriel: service.contact.email ?? null,
      lien_source: serviceUrl(siteUrl, service.id),
      lien_mobilisation: referral ? new URL(orientationPath(service.id), siteUrl).href : null,
      modes_accueil: ['en-presentiel'],
      modes_mobilisation: orNull(modes),
      mobilisable_par: orNull([...(byUsers ? ['usagers'] : []), ...(byProfessionals ? ['professionnels'] : [])]),
      adresse: place.address ?? null,
      complement_adresse: place.confidential
        ? 'Adresse confidentielle : position au centre de la commune.'
        : place.approximate
          ? 'Position approximative : centre de la commune.'
          : (place.name ?? null),
      code_postal: place.postalCode ?? null,
      code_insee: place.communeCode,
      commune: place.communeName,
      latitude: place.lat,
      longitude: place.lng,
      horaires_accueil: place.openingHours ?? null,
      zone_eligibilite: orNull(zone),
    }));
  });
}
