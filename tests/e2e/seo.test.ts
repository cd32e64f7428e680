/**
 * Search engines, over every page of /sitemap.xml, with plain HTTP and the served HTML (no browser):
 * each page answers 200 itself, in French, with a title and a description of its own and a canonical
 * link to its address on the configured site; each service page carries schema.org JSON-LD that uses
 * only properties schema.org defines and agrees with the open data (/donnees/services.json).
 */
import OpeningHours from 'opening_hours';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { mapLimit } from '../support/site-crawl.ts';

const baseUrl = inject('baseUrl');
const site = new URL(process.env.SITE_URL ?? 'http://localhost:4321');

interface ServedPage {
  /** The page's address on the configured site, as the sitemap gives it. */
  url: string;
  path: string;
  status: number;
  html: string;
}

let pages: ServedPage[];

beforeAll(async () => {
  const xml = await (await fetch(`${baseUrl}/sitemap.xml`)).text();
  const urls = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => (match[1] as string).replace(/&amp;/g, '&'));
  pages = await mapLimit(urls, 8, async (url) => {
    const path = new URL(url).pathname;
    const response = await fetch(`${baseUrl}${path}`, { redirect: 'manual' });
    return { url, path, status: response.status, html: await response.text() };
  });
}, 120_000);

const decode = (text: string): string =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
const titleOf = (html: string): string => decode(/<title>([^<]*)<\/title>/.exec(html)?.[1] ?? '').trim();
const metaOf = (html: string, attribute: 'name' | 'property', key: string): string | undefined => {
  const tag = new RegExp(`<meta\\b[^>]*\\b${attribute}="${key}"[^>]*>`, 'i').exec(html)?.[0];
  const content = tag ? /\bcontent="([^"]*)"/.exec(tag)?.[1] : undefined;
  return content === undefined ? undefined : decode(content).trim();
};
const canonicalOf = (html: string): string[] =>
  [...html.matchAll(/<link\b[^>]*\brel="canonical"[^>]*>/gi)].map((m) => decode(/\bhref="([^"]*)"/.exec(m[0])?.[1] ?? ''));

/** Pages sharing one value, for the report: "value" → paths. */
function duplicates(values: [string, string][]): Map<string, string[]> {
  const byValue = new Map<string, string[]>();
  for (const [path, value] of values) byValue.set(value, [...(byValue.get(value) ?? []), path]);
  return new Map([...byValue].filter(([, paths]) => paths.length > 1));
}

describe('every page of the sitemap', () => {
  it('is on the configured site and answers 200 itself, without a redirect and without noindex', () => {
    expect(pages.length).toBeGreaterThan(100);
    const problems = pages.flatMap((page) => {
      const found: string[] = [];
      if (new URL(page.url).origin !== site.origin) found.push(`${page.url} : pas sur ${site.origin}`);
      if (page.status !== 200) found.push(`${page.path} : statut ${page.status}`);
      if (/<meta\b[^>]*name="robots"[^>]*noindex/i.test(page.html)) found.push(`${page.path} : noindex dans le plan du site`);
      return found;
    });
    expect(problems).toEqual([]);
  });

  it('is in French, with a title, a description and one canonical link to its own address', () => {
    const problems = pages.flatMap((page) => {
      const found: string[] = [];
      if (!/<html\b[^>]*\slang="fr"/i.test(page.html)) found.push(`${page.path} : <html lang="fr"> absent`);
      if (!titleOf(page.html)) found.push(`${page.path} : <title> vide`);
      if (!metaOf(page.html, 'name', 'description')) found.push(`${page.path} : description absente ou vide`);
      const canonical = canonicalOf(page.html);
      if (canonical.length !== 1 || canonical[0] !== page.url)
        found.push(`${page.path} : canonique ${JSON.stringify(canonical)} au lieu de ${page.url}`);
      if (metaOf(page.html, 'property', 'og:url') !== page.url) found.push(`${page.path} : og:url différent de ${page.url}`);
      return found;
    });
    expect(problems).toEqual([]);
  });

  it('has a title of its own', () => {
    expect([...duplicates(pages.map((page) => [page.path, titleOf(page.html)]))]).toEqual([]);
  });

  it('has a description of its own, except service pages whose summaries are the same in the content', async () => {
    const { services } = (await (await fetch(`${baseUrl}/donnees/services.json`)).json()) as OpenData;
    const summaryOf = new Map(services.map((service) => [new URL(service.url).pathname, service.summary]));
    const shared = duplicates(pages.map((page) => [page.path, metaOf(page.html, 'name', 'description') ?? '']));
    // Several services may be described alike by their sources (three LAEP of one town, in the
    // content today): their pages then share the summary, and only their titles tell them apart.
    const notAlike = [...shared].filter(([description, paths]) => !paths.every((path) => summaryOf.get(path) === description));
    expect(notAlike).toEqual([]);
  });
});

interface OpenDataLocation {
  name: string | null;
  address: string | null;
  postalCode: string;
  communeName: string;
  latitude: number;
  longitude: number;
  approximate: boolean;
  confidential: boolean;
  openingHours: string | null;
}
interface OpenDataService {
  id: string;
  url: string;
  name: string;
  summary: string;
  contact: { phone: string | null; website: string | null };
  locations: OpenDataLocation[];
}
interface OpenData {
  services: OpenDataService[];
}

/**
 * The schema.org properties of the types a service page uses, from schema.org's definitions (each
 * type with those it inherits from Thing and its parents), limited to what a page could sensibly use.
 */
const THING = ['@type', '@id', 'name', 'description', 'url', 'identifier', 'alternateName', 'sameAs', 'image'];
const PLACE = [
  ...THING,
  'address',
  'geo',
  'openingHoursSpecification',
  'specialOpeningHoursSpecification',
  'telephone',
  'containedInPlace',
  'hasMap',
  'latitude',
  'longitude',
];
const CONTACT_POINT = [
  ...THING,
  'telephone',
  'email',
  'contactType',
  'areaServed',
  'availableLanguage',
  'hoursAvailable',
  'faxNumber',
  'contactOption',
];
const SCHEMA_ORG: Record<string, string[]> = {
  Service: [
    ...THING,
    '@context',
    'serviceType',
    'provider',
    'areaServed',
    'availableChannel',
    'audience',
    'category',
    'hoursAvailable',
    'offers',
    'termsOfService',
    'serviceOutput',
    'brand',
    'logo',
    'slogan',
  ],
  Organization: [...THING, 'telephone', 'email', 'address', 'logo', 'legalName', 'areaServed', 'contactPoint'],
  AdministrativeArea: PLACE,
  Place: PLACE,
  PostalAddress: [
    ...CONTACT_POINT,
    'streetAddress',
    'postalCode',
    'addressLocality',
    'addressRegion',
    'addressCountry',
    'postOfficeBoxNumber',
  ],
  GeoCoordinates: [...THING, 'latitude', 'longitude', 'elevation', 'address', 'addressCountry', 'postalCode'],
  ServiceChannel: [
    ...THING,
    'availableLanguage',
    'processingTime',
    'providesService',
    'serviceLocation',
    'servicePhone',
    'servicePostalAddress',
    'serviceSmsNumber',
    'serviceUrl',
  ],
  ContactPoint: CONTACT_POINT,
  OpeningHoursSpecification: [...THING, 'dayOfWeek', 'opens', 'closes', 'validFrom', 'validThrough'],
};
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** Properties or types that schema.org does not define there, and malformed values, as readable lines. */
function schemaOrgProblems(node: unknown, where: string): string[] {
  if (Array.isArray(node)) return node.flatMap((item, index) => schemaOrgProblems(item, `${where}[${index}]`));
  if (!node || typeof node !== 'object') return [];
  const object = node as Record<string, unknown>;
  const type = object['@type'];
  if (typeof type !== 'string') return [`${where} : objet sans @type`];
  const allowed = SCHEMA_ORG[type];
  if (!allowed) return [`${where} : type ${type} inconnu de ce test`];
  const found = Object.keys(object)
    .filter((key) => !allowed.includes(key))
    .map((key) => `${where} : ${type} n’a pas de propriété ${key}`);
  if (type === 'OpeningHoursSpecification') {
    const days = object.dayOfWeek as unknown[];
    if (!Array.isArray(days) || days.some((day) => !DAYS.some((name) => day === `https://schema.org/${name}`)))
      found.push(`${where} : dayOfWeek invalide`);
    for (const key of ['opens', 'closes'])
      if (!/^\d{2}:\d{2}(:\d{2})?$/.test(String(object[key]))) found.push(`${where} : ${key} invalide`);
  }
  if (type === 'GeoCoordinates' && (typeof object.latitude !== 'number' || typeof object.longitude !== 'number'))
    found.push(`${where} : coordonnées non numériques`);
  for (const [key, value] of Object.entries(object))
    if (value && typeof value === 'object') found.push(...schemaOrgProblems(value, `${where}.${key}`));
  return found;
}

/** A Monday with no public holiday in France, and the date of a weekday in its week. */
const REFERENCE_MONDAY = new Date(2026, 0, 12);
function dateAt(day: string, time: string): Date {
  const [hours, minutes] = time.split(':').map(Number) as [number, number];
  return new Date(2026, 0, 12 + DAYS.indexOf(day), hours, minutes);
}

describe('every service page', () => {
  it('carries schema.org JSON-LD with the service’s name, places, phone and hours, as in the open data', async () => {
    const { services } = (await (await fetch(`${baseUrl}/donnees/services.json`)).json()) as OpenData;
    const byPath = new Map(pages.map((page) => [page.path, page]));
    const servicePages = pages.filter((page) => /^\/annuaire\/[^/]+\/$/.test(page.path));
    expect(servicePages.length).toBe(services.length);
    let placesWithHours = 0;
    const problems = services.flatMap((service) => {
      const path = new URL(service.url).pathname;
      const page = byPath.get(path);
      if (!page) return [`${path} : absent du plan du site`];
      const scripts = [...page.html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)];
      if (scripts.length !== 1) return [`${path} : ${scripts.length} blocs JSON-LD`];
      let data: Record<string, unknown>;
      try {
        data = JSON.parse(scripts[0]?.[1] as string) as Record<string, unknown>;
      } catch {
        return [`${path} : JSON-LD illisible`];
      }
      const found = schemaOrgProblems(data, path);
      if (data['@context'] !== 'https://schema.org' || data['@type'] !== 'Service')
        found.push(`${path} : ni @context schema.org ni @type Service`);
      if (data.name !== service.name) found.push(`${path} : nom ${String(data.name)} au lieu de ${service.name}`);
      if (data.url !== page.url) found.push(`${path} : url ${String(data.url)} au lieu de ${page.url}`);
      const channel = (data.availableChannel ?? {}) as {
        servicePhone?: { telephone?: string };
        serviceUrl?: string;
        serviceLocation?: Record<string, unknown>[];
      };
      if ((channel.servicePhone?.telephone ?? null) !== service.contact.phone)
        found.push(`${path} : téléphone ${channel.servicePhone?.telephone} au lieu de ${service.contact.phone}`);
      if ((channel.serviceUrl ?? null) !== service.contact.website)
        found.push(`${path} : site ${channel.serviceUrl} au lieu de ${service.contact.website}`);
      const places = channel.serviceLocation ?? [];
      if (places.length !== service.locations.length)
        return [...found, `${path} : ${places.length} lieux au lieu de ${service.locations.length}`];
      service.locations.forEach((location, index) => {
        const place = places[index] as {
          name?: string;
          address?: Record<string, string>;
          geo?: { latitude: number; longitude: number };
          openingHoursSpecification?: Record<string, unknown>[];
        };
        const at = `${path} lieu ${index + 1}`;
        const expected = {
          name: location.name ?? undefined,
          street: location.address ?? undefined,
          postalCode: location.postalCode ?? undefined,
          locality: location.communeName,
          geo: location.approximate || location.confidential ? undefined : { latitude: location.latitude, longitude: location.longitude },
        };
        const actual = {
          name: place.name,
          street: place.address?.streetAddress,
          postalCode: place.address?.postalCode,
          locality: place.address?.addressLocality,
          geo: place.geo ? { latitude: place.geo.latitude, longitude: place.geo.longitude } : undefined,
        };
        if (JSON.stringify(actual) !== JSON.stringify(expected))
          found.push(`${at} : ${JSON.stringify(actual)} au lieu de ${JSON.stringify(expected)}`);
        const specifications = place.openingHoursSpecification ?? [];
        if (!location.openingHours) {
          if (specifications.length) found.push(`${at} : horaires sans horaires dans le contenu`);
          return;
        }
        placesWithHours++;
        // Read independently with the opening_hours library: open at each opening time and until each closing time.
        const hours = new OpeningHours(location.openingHours, { lat: 46.6, lon: 2.4, address: { country_code: 'fr', state: '' } });
        const opensInReferenceWeek = hours.getOpenIntervals(REFERENCE_MONDAY, new Date(2026, 0, 19)).length > 0;
        if (opensInReferenceWeek && specifications.length === 0)
          found.push(`${at} : horaires « ${location.openingHours} » absents du JSON-LD`);
        for (const specification of specifications) {
          for (const dayUrl of specification.dayOfWeek as string[]) {
            const day = dayUrl.replace('https://schema.org/', '');
            const opens = dateAt(day, String(specification.opens));
            const lastMinute = new Date(dateAt(day, String(specification.closes)).getTime() - 60_000);
            if (!hours.getState(opens) || !hours.getState(lastMinute))
              found.push(
                `${at} : ${day} ${String(specification.opens)}–${String(specification.closes)} ne suit pas « ${location.openingHours} »`,
              );
          }
        }
      });
      return found;
    });
    expect(problems).toEqual([]);
    expect(placesWithHours, 'le contenu a des lieux avec horaires').toBeGreaterThan(0);
  });
});
