/**
 * schema.org JSON-LD for a service page: the service, who runs it, its phone, website, places (with
 * their weekly hours) and the départements it serves. Places go through resolveLocations, so a
 * confidential place gives its commune only, never a street or an exact point. Only properties that
 * schema.org defines for each type (Service has no telephone: the phone is the channel's).
 */
import type { Service } from '../content/service-schema.ts';
import { weeklySchedules } from '../exports/hsds.ts';
import { resolveLocations, servedDepartementCodes } from '../services/service-geography.ts';
import { servicePath } from '../services/service-paths.ts';
import { SERVICE_KIND_INFO } from '../services/service-vocabulary.ts';
import { getDepartement } from '../territories/territory-data.ts';

type JsonLd = Record<string, unknown>;

const SCHEMA_DAYS: Record<string, string> = {
  MO: 'Monday',
  TU: 'Tuesday',
  WE: 'Wednesday',
  TH: 'Thursday',
  FR: 'Friday',
  SA: 'Saturday',
  SU: 'Sunday',
};

/**
 * schema.org OpeningHoursSpecification for an opening_hours value: its weekly pattern (the one the
 * HSDS export reads); rules that are not weekly (public holidays, some weeks of the month) are left
 * to the page, which shows them in words.
 */
export function openingHoursSpecification(openingHours: string): JsonLd[] {
  return weeklySchedules(openingHours).map((schedule) => ({
    '@type': 'OpeningHoursSpecification',
    dayOfWeek: schedule.byday.split(',').map((code) => `https://schema.org/${SCHEMA_DAYS[code]}`),
    opens: schedule.opens_at,
    closes: schedule.closes_at,
  }));
}

/** The JSON-LD object of a service; `site` makes its URL absolute. */
export function serviceJsonLd(service: Service, site: URL | string, organisation?: { name: string; website?: string | undefined }): JsonLd {
  const url = new URL(servicePath(service.id), site).href;
  const places = resolveLocations(service).map((location) => {
    const hours = location.openingHours ? openingHoursSpecification(location.openingHours) : [];
    return {
      '@type': 'Place',
      ...(location.name ? { name: location.name } : {}),
      address: {
        '@type': 'PostalAddress',
        ...(location.address ? { streetAddress: location.address } : {}),
        ...(location.postalCode ? { postalCode: location.postalCode } : {}),
        addressLocality: location.communeName,
        addressCountry: 'FR',
      },
      ...(location.approximate ? {} : { geo: { '@type': 'GeoCoordinates', latitude: location.lat, longitude: location.lng } }),
      ...(hours.length ? { openingHoursSpecification: hours } : {}),
    };
  });
  const areas = [...servedDepartementCodes(service)].flatMap((code) => {
    const departement = getDepartement(code);
    return departement ? [{ '@type': 'AdministrativeArea', name: departement.name }] : [];
  });
  return {
    '@context': 'https://schema.org',
    '@type': 'Service',
    '@id': url,
    url,
    name: service.name,
    description: service.summary,
    serviceType: service.kinds.map((kind) => SERVICE_KIND_INFO[kind].label),
    ...(organisation
      ? { provider: { '@type': 'Organization', name: organisation.name, ...(organisation.website ? { url: organisation.website } : {}) } }
      : {}),
    ...(areas.length ? { areaServed: areas } : {}),
    availableChannel: {
      '@type': 'ServiceChannel',
      ...(service.contact.website ? { serviceUrl: service.contact.website } : {}),
      ...(service.contact.phone ? { servicePhone: { '@type': 'ContactPoint', telephone: service.contact.phone } } : {}),
      availableLanguage: service.languages,
      serviceLocation: places,
    },
  };
}

/** Serialises JSON-LD for a <script type="application/ld+json">: `<` escaped, so no text can close the element. */
export function jsonLdScriptText(data: JsonLd): string {
  return JSON.stringify(data).replace(/</g, '\\u003c');
}
