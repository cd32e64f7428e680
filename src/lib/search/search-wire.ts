/**
 * The compact form of search documents in the embedded index files: tuples, vocabulary lists as
 * bit masks, and nothing the browser can rebuild itself (labels, folded name, page path, région,
 * département names). About a third of the plain JSON size.
 */
import { servicePath } from '../services/service-paths.ts';
import {
  ACCESS_MODE_LABELS,
  ACCESS_MODES,
  FEE_KINDS,
  PARENTING_SUPPORT_FORMAT_LABELS,
  PARENTING_SUPPORT_FORMATS,
  PUBLICS,
  SERVICE_KIND_INFO,
  SERVICE_KINDS,
  type AccessMode,
  type ParentingSupportFormat,
  type ServiceKind,
} from '../services/service-vocabulary.ts';
import { foldText } from '../territories/text-normalize.ts';
import type { SearchDocument, SearchLocation } from './search-model.ts';
import { synonymsMentioned } from './search-text.ts';

/** [lat, lng, communeCode, communeName, departementCode, approximate (1) or exact (0)] */
export type WireLocation = [number, number, string, string, string, 0 | 1];

/**
 * [id, name, summary, temporarily closed (1), kinds, formats, organisation, phone, locations,
 * départements, area communes, area départements, publics, access, fee, languages, accepts referrals (1)]
 * Lists of codes are joined by spaces; vocabulary lists are bit masks in vocabulary order.
 */
export type WireDocument = [
  string,
  string,
  string,
  0 | 1,
  number,
  number,
  string,
  string,
  WireLocation[],
  string,
  string,
  string,
  number,
  number,
  number,
  string,
  0 | 1,
];

/** What the browser needs to know about a département to rebuild a document. */
export interface DepartementNames {
  [code: string]: { name: string; regionCode: string };
}

const toMask = <T>(vocabulary: readonly T[], values: readonly T[]): number =>
  values.reduce((mask, value) => mask | (1 << vocabulary.indexOf(value)), 0);
const fromMask = <T>(vocabulary: readonly T[], mask: number): T[] => vocabulary.filter((_, i) => mask & (1 << i));
const codes = (text: string): string[] => (text ? text.split(' ') : []);

/** The searchable labels of a service's kinds, formats and access modes, and the other forms of what they say (« er »…). */
export function searchKeywords(
  kinds: readonly ServiceKind[],
  formats: readonly ParentingSupportFormat[],
  access: readonly AccessMode[],
): string {
  const labels = [
    ...kinds.map((k) => SERVICE_KIND_INFO[k].label),
    ...formats.map((f) => PARENTING_SUPPORT_FORMAT_LABELS[f]),
    ...access.map((a) => ACCESS_MODE_LABELS[a]),
  ];
  return [...labels, ...synonymsMentioned(labels)].join(' · ');
}

/** The searchable place names of a service: its communes, then the départements it serves. */
export function searchPlaces(locations: readonly SearchLocation[], departementNames: readonly string[]): string {
  return [...new Set([...locations.map((l) => l.communeName), ...departementNames].filter(Boolean))].join(' · ');
}

export function encodeDocument(d: SearchDocument): WireDocument {
  return [
    d.id,
    d.name,
    d.summary,
    d.status === 'fermé temporairement' ? 1 : 0,
    toMask(SERVICE_KINDS, d.kinds),
    toMask(PARENTING_SUPPORT_FORMATS, d.formats),
    d.organisationName ?? '',
    d.phone ?? '',
    d.locations.map((l) => [l.lat, l.lng, l.communeCode, l.communeName, l.departementCode, l.approximate ? 1 : 0]),
    d.departements.join(' '),
    d.areaCommunes.join(' '),
    d.areaDepartements.join(' '),
    toMask(PUBLICS, d.publics),
    toMask(ACCESS_MODES, d.access),
    FEE_KINDS.indexOf(d.fee),
    d.languages.join(' '),
    d.acceptsReferral ? 1 : 0,
  ];
}

/** Keywords by vocabulary masks: a few combinations cover thousands of documents, decoded on a slow phone. */
const keywordsByMasks = new Map<string, string>();
function keywordsOfMasks(kinds: number, formats: number, access: number): string {
  const key = `${kinds} ${formats} ${access}`;
  let keywords = keywordsByMasks.get(key);
  if (keywords === undefined) {
    keywords = searchKeywords(fromMask(SERVICE_KINDS, kinds), fromMask(PARENTING_SUPPORT_FORMATS, formats), fromMask(ACCESS_MODES, access));
    keywordsByMasks.set(key, keywords);
  }
  return keywords;
}

export function decodeDocument(w: WireDocument, departements: DepartementNames): SearchDocument {
  const [
    id,
    name,
    summary,
    closed,
    kinds,
    formats,
    organisationName,
    phone,
    wireLocations,
    deps,
    areaCommunes,
    areaDeps,
    publics,
    access,
    fee,
    languages,
    accepts,
  ] = w;
  const locations = wireLocations.map(([lat, lng, communeCode, communeName, departementCode, approximate]) => ({
    lat,
    lng,
    communeCode,
    communeName,
    departementCode,
    approximate: approximate === 1,
  }));
  const departementCodes = codes(deps);
  const kindList = fromMask(SERVICE_KINDS, kinds);
  const formatList = fromMask(PARENTING_SUPPORT_FORMATS, formats);
  const accessList = fromMask(ACCESS_MODES, access);
  return {
    id,
    name,
    sortName: foldText(name),
    summary,
    path: servicePath(id),
    status: closed ? 'fermé temporairement' : 'actif',
    kinds: kindList,
    formats: formatList,
    ...(organisationName ? { organisationName } : {}),
    ...(phone ? { phone } : {}),
    locations,
    departements: departementCodes,
    regions: [
      ...new Set(departementCodes.map((code) => departements[code]?.regionCode).filter((code): code is string => Boolean(code))),
    ].sort(),
    areaCommunes: codes(areaCommunes),
    areaDepartements: codes(areaDeps),
    publics: fromMask(PUBLICS, publics),
    access: accessList,
    fee: FEE_KINDS[fee] ?? 'non-precise',
    languages: codes(languages),
    acceptsReferral: accepts === 1,
    keywords: keywordsOfMasks(kinds, formats, access),
    places: searchPlaces(
      locations,
      departementCodes.map((code) => departements[code]?.name ?? ''),
    ),
  };
}
