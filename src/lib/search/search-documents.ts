/**
 * Search documents from services: one per open service, with public locations only (through
 * resolveLocations, so a confidential place is its commune's centre) and never a street address.
 */
import type { Organisation } from '../content/organisation-schema.ts';
import type { Service } from '../content/service-schema.ts';
import { resolveLocations, servedDepartementCodes } from '../services/service-geography.ts';
import { servicePath } from '../services/service-paths.ts';
import { ACCESS_MODES, PARENTING_SUPPORT_FORMATS, PUBLICS, SERVICE_KINDS } from '../services/service-vocabulary.ts';
import { getDepartement } from '../territories/territory-data.ts';
import { foldText } from '../territories/text-normalize.ts';
import type { SearchDocument } from './search-model.ts';
import { searchKeywords, searchPlaces } from './search-wire.ts';

type IndexedService = Pick<
  Service,
  | 'id'
  | 'name'
  | 'summary'
  | 'status'
  | 'kinds'
  | 'parentingSupportFormats'
  | 'organisation'
  | 'contact'
  | 'locations'
  | 'servedArea'
  | 'publics'
  | 'access'
  | 'fees'
  | 'languages'
  | 'orientation'
>;

/** Values of a list without repeats, in the vocabulary's order (the order of the compact index files). */
const inVocabularyOrder = <T>(vocabulary: readonly T[], values: readonly T[]): T[] => vocabulary.filter((v) => values.includes(v));

/** The search document of a service, or undefined for a closed one (closed services are not searched). */
export function buildSearchDocument(service: IndexedService, organisationName?: string): SearchDocument | undefined {
  if (service.status === 'fermé') return undefined;
  const locations = resolveLocations(service).map((location) => ({
    lat: location.lat,
    lng: location.lng,
    communeCode: location.communeCode,
    communeName: location.communeName,
    departementCode: location.departementCode,
    approximate: location.approximate,
  }));
  const kinds = inVocabularyOrder(SERVICE_KINDS, service.kinds);
  const formats = inVocabularyOrder(PARENTING_SUPPORT_FORMATS, service.parentingSupportFormats);
  const access = inVocabularyOrder(ACCESS_MODES, service.access);
  const departements = [...servedDepartementCodes(service)].sort();
  const regions = [
    ...new Set(departements.map((code) => getDepartement(code)?.regionCode).filter((code): code is string => Boolean(code))),
  ].sort();
  const keywords = searchKeywords(kinds, formats, access);
  const places = searchPlaces(
    locations,
    departements.map((code) => getDepartement(code)?.name ?? ''),
  );
  return {
    id: service.id,
    name: service.name,
    sortName: foldText(service.name),
    summary: service.summary,
    path: servicePath(service.id),
    status: service.status,
    kinds,
    formats,
    ...(organisationName ? { organisationName } : {}),
    ...(service.contact.phone ? { phone: service.contact.phone } : {}),
    locations,
    departements,
    regions,
    areaCommunes: [...new Set([...locations.map((l) => l.communeCode), ...service.servedArea.communes])].sort(),
    areaDepartements: [...new Set(service.servedArea.departements)].sort(),
    publics: inVocabularyOrder(PUBLICS, service.publics),
    access,
    fee: service.fees.kind,
    languages: [...new Set(service.languages)],
    acceptsReferral: service.orientation !== undefined,
    keywords,
    places,
  };
}

/** Documents of every open service, in the order given. */
export function buildSearchDocuments(
  services: readonly IndexedService[],
  organisations: readonly Pick<Organisation, 'id' | 'name'>[] = [],
): SearchDocument[] {
  const names = new Map(organisations.map((o) => [o.id, o.name]));
  return services.flatMap((service) => {
    const document = buildSearchDocument(service, service.organisation ? names.get(service.organisation) : undefined);
    return document ? [document] : [];
  });
}
