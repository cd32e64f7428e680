/**
 * Passerelle's own open-data files: services.json (every public field), services.csv (one row per
 * place) and services.geojson (one feature per place). Every position goes through resolveLocations:
 * a confidential place is at its commune's centroid, marked so, with no address. The address that
 * receives referrals is never published.
 */
import type { Organisation } from '../content/organisation-schema.ts';
import type { Service } from '../content/service-schema.ts';
import { resolveLocations, type ResolvedLocation } from '../services/service-geography.ts';
import { servicePath } from '../services/service-paths.ts';
import { getDepartement, getRegion } from '../territories/territory-data.ts';
import { toCsv } from './csv-format.ts';

/** The licence of the open-data files, stated on /donnees/ and in every file that has room for it. */
export const OPEN_DATA_LICENCE = {
  name: 'Licence Ouverte 2.0 (Etalab)',
  url: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/',
} as const;

/** The public form of a place. */
export interface OpenDataLocation {
  index: number;
  name: string | null;
  address: string | null;
  /** Null when no source gives it (a commune with several postal codes). */
  postalCode: string | null;
  communeCode: string;
  communeName: string;
  departementCode: string;
  departementName: string;
  regionCode: string;
  regionName: string;
  latitude: number;
  longitude: number;
  /** True when the position is the commune's centroid. */
  approximate: boolean;
  /** True for a protected place: the address is never published, the position is the commune's centroid. */
  confidential: boolean;
  openingHours: string | null;
  openingHoursNote: string | null;
}

/** One service in services.json: every field of the content file except the referral address. */
export interface OpenDataService {
  id: string;
  url: string;
  name: string;
  kinds: string[];
  parentingSupportFormats: string[];
  status: string;
  organisation: { id: string; name: string } | null;
  federations: { id: string; name: string }[];
  summary: string;
  description: string | null;
  publics: string[];
  access: string[];
  fees: { kind: string; details: string | null };
  languages: string[];
  accessibility: { wheelchair: boolean | null; details: string | null } | null;
  contact: { phone: string | null; email: string | null; website: string | null };
  /** Whether Passerelle's form can send this service a referral, and for which ways of arriving. */
  onlineReferral: { accepted: boolean; acceptedAccess: string[] };
  locations: OpenDataLocation[];
  servedArea: { departements: string[]; communes: string[] };
  funding: string[];
  agrement: string | null;
  sources: { url: string | null; document: string | null; title: string | null; date: string | null }[];
  lastChecked: string;
}

export interface OpenDataInput {
  services: readonly Service[];
  organisations: readonly Organisation[];
  /** Absolute site URL (https://…), for links to service pages. */
  siteUrl: string;
}

export function openDataLocation(location: ResolvedLocation): OpenDataLocation {
  const departement = getDepartement(location.departementCode);
  return {
    index: location.index,
    name: location.name ?? null,
    address: location.address ?? null,
    postalCode: location.postalCode ?? null,
    communeCode: location.communeCode,
    communeName: location.communeName,
    departementCode: location.departementCode,
    departementName: departement?.name ?? '',
    regionCode: location.regionCode,
    regionName: getRegion(location.regionCode)?.name ?? '',
    latitude: location.lat,
    longitude: location.lng,
    approximate: location.approximate,
    confidential: location.confidential,
    openingHours: location.openingHours ?? null,
    openingHoursNote: location.openingHoursNote ?? null,
  };
}

/** Absolute URL of a service page. */
export function serviceUrl(siteUrl: string, serviceId: string): string {
  return new URL(servicePath(serviceId), siteUrl).href;
}

/** Services sorted by id, so that files are stable from one build to the next. */
export function sortedServices(services: readonly Service[]): Service[] {
  return [...services].sort((a, b) => a.id.localeCompare(b.id));
}

/** The records of services.json. */
export function openDataServices({ services, organisations, siteUrl }: OpenDataInput): OpenDataService[] {
  const organisationsById = new Map(organisations.map((o) => [o.id, o]));
  const named = (id: string) => ({ id, name: organisationsById.get(id)?.name ?? id });
  return sortedServices(services).map((service) => ({
    id: service.id,
    url: serviceUrl(siteUrl, service.id),
    name: service.name,
    kinds: [...service.kinds],
    parentingSupportFormats: [...service.parentingSupportFormats],
    status: service.status,
    organisation: service.organisation ? named(service.organisation) : null,
    federations: service.federations.map(named),
    summary: service.summary,
    description: service.description ?? null,
    publics: [...service.publics],
    access: [...service.access],
    fees: { kind: service.fees.kind, details: service.fees.details ?? null },
    languages: [...service.languages],
    accessibility: service.accessibility
      ? { wheelchair: service.accessibility.wheelchair ?? null, details: service.accessibility.details ?? null }
      : null,
    contact: { phone: service.contact.phone ?? null, email: service.contact.email ?? null, website: service.contact.website ?? null },
    onlineReferral: { accepted: service.orientation !== undefined, acceptedAccess: [...(service.orientation?.acceptedAccess ?? [])] },
    locations: resolveLocations(service).map(openDataLocation),
    servedArea: { departements: [...service.servedArea.departements], communes: [...service.servedArea.communes] },
    funding: [...service.funding],
    agrement: service.agrement ?? null,
    sources: service.sources.map((s) => ({
      url: s.url ?? null,
      document: s.document ?? null,
      title: s.title ?? null,
      date: s.date ?? null,
    })),
    lastChecked: service.lastChecked,
  }));
}

/** The columns of services.csv, with what each holds (documented on /donnees/). */
export const CSV_COLUMNS = [
  ['service_id', 'Identifiant stable du service (nom de sa fiche).'],
  ['service_url', 'Page du service sur Passerelle.'],
  ['nom', 'Nom du service.'],
  [
    'types',
    'Types de service, séparés par « ; » (mediation-familiale, espace-rencontre, visites-tiers, soutien-parentalite, mediation-sociale).',
  ],
  ['formes_soutien_parentalite', 'Pour le soutien à la parentalité : laep, reaap, maison-des-parents, groupe-de-parole, autre.'],
  ['statut', 'actif, fermé temporairement ou fermé.'],
  ['gestionnaire', 'Organisation qui gère le service.'],
  ['federations', 'Fédérations ou réseaux dont le service est membre.'],
  ['resume', 'Ce que fait le service, en une ou deux phrases.'],
  ['publics', 'Publics accueillis.'],
  ['acces', 'Modes d’accès (démarche spontanée, décision du juge…).'],
  ['tarif', 'gratuit, bareme-national, payant ou non-precise.'],
  ['telephone', 'Téléphone public.'],
  ['courriel', 'Adresse e-mail publique.'],
  ['site_web', 'Site web du service.'],
  ['orientation_en_ligne', 'oui si le service reçoit des demandes d’orientation envoyées par Passerelle.'],
  ['lieu_index', 'Numéro du lieu dans la fiche (0 pour le premier).'],
  ['lieu_nom', 'Nom du lieu, s’il diffère du service.'],
  ['adresse', 'Numéro et rue ; vide pour un lieu confidentiel ou quand aucune source ne les donne.'],
  ['code_postal', 'Code postal.'],
  ['code_insee', 'Code INSEE de la commune (COG 2026).'],
  ['commune', 'Nom de la commune.'],
  ['departement', 'Code du département.'],
  ['region', 'Code de la région.'],
  ['latitude', 'Latitude WGS84.'],
  ['longitude', 'Longitude WGS84.'],
  ['position_approximative', 'oui quand la position est le centre de la commune.'],
  ['adresse_confidentielle', 'oui pour un lieu protégé : ni adresse ni point exact, seulement la commune.'],
  ['horaires', 'Horaires au format opening_hours d’OpenStreetMap.'],
  ['horaires_precisions', 'Précisions sur les horaires.'],
  ['verifie_le', 'Date de la dernière vérification des informations (AAAA-MM-JJ).'],
] as const;

const yesNo = (value: boolean) => (value ? 'oui' : 'non');

/** services.csv: one row per place of every service. */
export function openDataCsv(input: OpenDataInput): string {
  const rows = openDataServices(input).flatMap((s) =>
    s.locations.map((l) => [
      s.id,
      s.url,
      s.name,
      s.kinds.join(';'),
      s.parentingSupportFormats.join(';'),
      s.status,
      s.organisation?.name ?? '',
      s.federations.map((f) => f.name).join(';'),
      s.summary,
      s.publics.join(';'),
      s.access.join(';'),
      s.fees.kind,
      s.contact.phone ?? '',
      s.contact.email ?? '',
      s.contact.website ?? '',
      yesNo(s.onlineReferral.accepted),
      String(l.index),
      l.name ?? '',
      l.address ?? '',
      l.postalCode ?? '',
      l.communeCode,
      l.communeName,
      l.departementCode,
      l.regionCode,
      String(l.latitude),
      String(l.longitude),
      yesNo(l.approximate),
      yesNo(l.confidential),
      l.openingHours ?? '',
      l.openingHoursNote ?? '',
      s.lastChecked,
    ]),
  );
  return toCsv([CSV_COLUMNS.map(([name]) => name), ...rows]);
}

export interface OpenDataFeature {
  type: 'Feature';
  id: string;
  geometry: { type: 'Point'; coordinates: [number, number] };
  properties: Record<string, string | number | boolean | string[] | null>;
}

/** services.geojson: one Point feature per place, coordinates [longitude, latitude]. */
export function openDataGeoJson(input: OpenDataInput): { type: 'FeatureCollection'; licence: string; features: OpenDataFeature[] } {
  const features = openDataServices(input).flatMap((s) =>
    s.locations.map((l): OpenDataFeature => ({
      type: 'Feature',
      id: `${s.id}#${l.index}`,
      geometry: { type: 'Point', coordinates: [l.longitude, l.latitude] },
      properties: {
        service_id: s.id,
        service_url: s.url,
        nom: s.name,
        types: s.kinds,
        statut: s.status,
        lieu_index: l.index,
        lieu_nom: l.name,
        adresse: l.address,
        code_postal: l.postalCode,
        code_insee: l.communeCode,
        commune: l.communeName,
        departement: l.departementCode,
        position_approximative: l.approximate,
        adresse_confidentielle: l.confidential,
        horaires: l.openingHours,
        telephone: s.contact.phone,
        orientation_en_ligne: s.onlineReferral.accepted,
        verifie_le: s.lastChecked,
      },
    })),
  );
  return { type: 'FeatureCollection', licence: `${OPEN_DATA_LICENCE.name}, ${OPEN_DATA_LICENCE.url}`, features };
}
