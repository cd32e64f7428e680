/**
 * schema.org JSON-LD for a service page: the service, who runs it, its phone, website, places (with
 * their hours) and the départements it serves. Places go through resolveLocations, so a confidential
 * place gives its commune only, never a street or an exact point.
 */
import type { Service } from '../content/service-schema.ts';
import { resolveLocations, servedDepartementCodes } from '../services/service-geography.ts';
import { servicePath } from '../services/service-paths.ts';
import { SERVICE_KIND_INFO } from '../services/service-vocabulary.ts';
import { getDepartement } from '../territories/territory-data.ts';

type JsonLd = Record<string, unknown>;

/** The JSON-LD object of a service; `site` makes its URL absolute. */
export function serviceJsonLd(service: Service, site: URL | string, organisation?: { name: string; website?: string | undefined }): JsonLd {
  const url = new URL(servicePath(service.id), site).href;
  const places = resolveLocations(service).map((location) => ({
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
    ...(location.openingHours ? { openingHours: location.openingHours } : {}),
  }));
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
    ...(organisation ? { provider: { '@type': 'Organization', name: organisation.name, ...(organisation.website ? { url: organisation.website } : {}) } } : {}),
    ...(areas.length ? { areaServed: areas } : {}),
    availableChannel: {
      '@type': 'ServiceChannel',
      ...(service.contact.website ? { serviceUrl: service.contact.website } : {}),
      ...(service.contact.phone ? { servicePhone: { '@type': 'ContactPoint', telephone: service.contact.phone } } : {}),
      availableLanguage: service.languages,
      serviceLocation: places,
    },
    ...(service.contact.phone ? { telephone: service.contact.phone } : {}),
    inLanguage: 'fr',
  };
}

/** Serialises JSON-LD for a <script type="application/ld+json">: `<` escaped, so no text can close the element. */
export function jsonLdScriptText(data: JsonLd): string {
  return JSON.stringify(data).replace(/</g, '\\u003c');
}
