/**
 * Checks that need more than one file: references, duplicates, coordinates against their commune,
 * information not checked for a year. Used by `npm run content:check` and by the build.
 */
import { searchTerms } from '../search/search-text.ts';
import { distanceKm } from '../territories/geo-distance.ts';
import { foldText } from '../territories/text-normalize.ts';
import { getCommune, getDepartement } from '../territories/territory-data.ts';
import type { ContentProblem } from './content-errors.ts';
import type { Organisation } from './organisation-schema.ts';
import type { Service } from './service-schema.ts';

/** Information older than this is reported (never unpublished). */
export const CHECK_DUE_AFTER_DAYS = 365;

export interface ContentSet {
  services: readonly Service[];
  organisations: readonly Organisation[];
  /** Path of an entry's file, for messages. */
  fileOf: (collection: 'services' | 'organisations', id: string) => string;
}

/** Whether a point lies inside a département's outline bounding box, with a margin in degrees. */
function insideDepartementBox(departementCode: string, lat: number, lng: number, marginDegrees = 0.2): boolean {
  const departement = getDepartement(departementCode);
  if (!departement) return true;
  const [minLng, minLat, maxLng, maxLat] = departement.bbox;
  return lng >= minLng - marginDegrees && lng <= maxLng + marginDegrees && lat >= minLat - marginDegrees && lat <= maxLat + marginDegrees;
}

/** The words that tell a name apart: folded, without stop words nor the words of its commune's name. */
function distinctiveName(name: string, communeNames: readonly string[]): string {
  const communeWords = new Set(communeNames.flatMap(searchTerms));
  return searchTerms(name)
    .filter((word) => !communeWords.has(word))
    .join(' ');
}

/** A phone as its ten national digits (+33 3… and 03… are the same line). */
export function phoneDigits(phone: string): string {
  return phone.replace(/\D/g, '').replace(/^33(?=\d{9}$)/, '0');
}

/** A website without its scheme, "www.", case or trailing slash. */
export function websiteKey(url: string): string {
  return url
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/^www\./, '')
    .replace(/\/+$/, '');
}

type Report = (id: string, severity: ContentProblem['severity'], field: string, message: string) => void;

/** Which rule of the near-duplicate check ties two services together. */
export type DuplicateRule = 'même nom' | 'nom très proche' | 'même téléphone' | 'même site web';

interface DuplicateKeys {
  cities: Set<string>;
  name: string;
  distinctive: string;
  phone?: string;
  website?: string;
}

type DuplicateSubject = Pick<Service, 'name' | 'locations' | 'contact'>;

/** What the duplicate rules compare, computed once per service (a service is never changed once loaded). */
const keysOf = (() => {
  const cache = new WeakMap<DuplicateSubject, DuplicateKeys>();
  return (service: DuplicateSubject): DuplicateKeys => {
    let keys = cache.get(service);
    if (!keys) {
      const cities = new Set(service.locations.map((l) => getCommune(l.communeCode)?.parentCode ?? l.communeCode));
      keys = {
        cities,
        name: foldText(service.name),
        distinctive: distinctiveName(service.name, [...cities].map((code) => getCommune(code)?.name ?? '')),
        ...(service.contact.phone ? { phone: phoneDigits(service.contact.phone) } : {}),
        ...(service.contact.website ? { website: websiteKey(service.contact.website) } : {}),
      };
      cache.set(service, keys);
    }
    return keys;
  };
})();

/**
 * The existing service a new one would duplicate, by the rules of checkNearDuplicates (a place in the
 * same commune, an arrondissement counting as its city, then the same or a very close name, the same
 * phone, or the same website unless both give different phones), so that an import and content:check
 * agree.
 */
export function findDuplicate(candidate: DuplicateSubject, services: readonly Service[]): { service: Service; rule: DuplicateRule } | undefined {
  const mine = keysOf(candidate);
  const rules: [DuplicateRule, (other: DuplicateKeys) => boolean][] = [
    ['même nom', (other) => other.name === mine.name],
    ['nom très proche', (other) => mine.distinctive !== '' && other.distinctive === mine.distinctive],
    ['même téléphone', (other) => mine.phone !== undefined && other.phone === mine.phone],
    ['même site web', (other) => mine.website !== undefined && other.website === mine.website && !(mine.phone && other.phone && other.phone !== mine.phone)],
  ];
  const sameCity = services.flatMap((service) => {
    const keys = keysOf(service);
    return [...keys.cities].some((city) => mine.cities.has(city)) ? [{ service, keys }] : [];
  });
  for (const [rule, matches] of rules) {
    const found = sameCity.find(({ keys }) => matches(keys));
    if (found) return { service: found.service, rule };
  }
  return undefined;
}

/**
 * Two files for one service, among services with a place in the same commune (an arrondissement counts
 * as its city): the same name up to case, accents and punctuation is an error; a name with the same
 * distinctive words (« Maison des Parents d’Arras » and « Maison des parents Arras »), the same phone,
 * or the same website (unless both give different phones) is a warning.
 */
function checkNearDuplicates(services: readonly Service[], report: Report): void {
  const seen = { name: new Map<string, Service>(), similarName: new Map<string, Service>(), phone: new Map<string, Service>(), website: new Map<string, Service>() };
  for (const service of services) {
    const communes = new Set(service.locations.map((l) => getCommune(l.communeCode)?.parentCode ?? l.communeCode));
    const firstOther = (kind: keyof typeof seen, value: string | undefined): Service | undefined => {
      if (!value) return undefined;
      let other: Service | undefined;
      for (const commune of communes) {
        const key = `${commune}|${value}`;
        const found = seen[kind].get(key);
        if (found && found.id !== service.id) other ??= found;
        if (!found) seen[kind].set(key, service);
      }
      return other;
    };
    const communeNames = [...communes].map((code) => getCommune(code)?.name ?? '');
    const sameName = firstOther('name', foldText(service.name));
    const similarName = firstOther('similarName', distinctiveName(service.name, communeNames));
    const phone = service.contact.phone;
    const samePhone = firstOther('phone', phone && phoneDigits(phone));
    const sameWebsite = firstOther('website', service.contact.website && websiteKey(service.contact.website));
    const twoLines = (other: Service): boolean => phone !== undefined && other.contact.phone !== undefined && phoneDigits(other.contact.phone) !== phoneDigits(phone);

    if (sameName) {
      report(service.id, 'erreur', 'name', `Doublon probable de « ${sameName.id} » : même nom et même commune. Fusionnez les deux fiches ou distinguez leurs noms.`);
    } else if (similarName) {
      report(service.id, 'avertissement', 'name', `Doublon possible de « ${similarName.id} » (« ${similarName.name} ») : nom très proche, même commune. Fusionnez les deux fiches si c’est le même service ; sinon, rien à faire.`);
    }
    if (samePhone) {
      report(service.id, 'avertissement', 'contact.phone', `Doublon possible de « ${samePhone.id} » : même téléphone, même commune. Fusionnez les deux fiches si c’est le même service ; sinon, rien à faire.`);
    }
    if (sameWebsite && !twoLines(sameWebsite) && sameWebsite !== samePhone) {
      report(service.id, 'avertissement', 'contact.website', `Doublon possible de « ${sameWebsite.id} » : même site web, même commune. Fusionnez les deux fiches si c’est le même service ; sinon, rien à faire.`);
    }
  }
}

export function crossCheckContent(content: ContentSet, today: Date = new Date()): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const organisationIds = new Set(content.organisations.map((o) => o.id));
  const reportOn =
    (collection: 'services' | 'organisations'): Report =>
    (id, severity, field, message) => {
      problems.push({ file: content.fileOf(collection, id), field, message, severity });
    };
  const report = reportOn('services');
  const error = (id: string, field: string, message: string): void => report(id, 'erreur', field, message);

  for (const service of content.services) {
    if (service.organisation && !organisationIds.has(service.organisation)) {
      error(service.id, 'organisation', `L’organisation « ${service.organisation} » n’existe pas : créez content/organisations/${service.organisation}.yaml ou corrigez l’identifiant.`);
    }
    service.federations.forEach((federation, index) => {
      if (!organisationIds.has(federation)) {
        error(service.id, `federations[${index}]`, `La fédération « ${federation} » n’existe pas : créez content/organisations/${federation}.yaml ou corrigez l’identifiant.`);
      }
    });

    service.locations.forEach((location, index) => {
      const commune = getCommune(location.communeCode);
      if (!commune || location.latitude === undefined || location.longitude === undefined) return;
      if (!insideDepartementBox(commune.departementCode, location.latitude, location.longitude)) {
        const km = Math.round(distanceKm(commune, { lat: location.latitude, lng: location.longitude }));
        error(
          service.id,
          `locations[${index}].latitude`,
          `Les coordonnées (${location.latitude}, ${location.longitude}) tombent hors du département ${commune.departementCode}, à ${km} km de ${commune.name} : latitude et longitude inversées, ou erreur de saisie ?`,
        );
      }
    });
  }
  checkNearDuplicates(content.services, report);
  for (const service of content.services) checkFreshness(service, today, report);
  for (const organisation of content.organisations) checkFreshness(organisation, today, reportOn('organisations'));
  return problems;
}

/** Information checked more than a year ago is a warning (the entry stays published); a date in the future, an error. */
function checkFreshness(entry: { id: string; lastChecked: string }, today: Date, report: Report): void {
  const ageDays = (today.getTime() - Date.parse(entry.lastChecked)) / 86_400_000;
  if (ageDays > CHECK_DUE_AFTER_DAYS) {
    report(entry.id, 'avertissement', 'lastChecked', `Informations vérifiées le ${entry.lastChecked}, il y a plus d’un an : à revérifier (la fiche reste publiée).`);
  } else if (ageDays < -1) {
    report(entry.id, 'erreur', 'lastChecked', `La date de vérification ${entry.lastChecked} est dans le futur.`);
  }
}
