/**
 * Open Referral HSDS 3.0 tables (organizations, services, locations, addresses, service_at_location,
 * phones, schedules) as JSON arrays, one file per table, so that directories abroad can take
 * Passerelle as a source. Ids are UUID v5 derived from Passerelle's stable ids, so they never change
 * between builds. A confidential place has no address and its commune's centroid, said in its
 * description.
 */
import OpeningHours from 'opening_hours';
import { v5 as uuidV5 } from 'uuid';
import type { Organisation } from '../content/organisation-schema.ts';
import type { Service } from '../content/service-schema.ts';
import { resolveLocations, type ResolvedLocation } from '../services/service-geography.ts';
import { ACCESS_MODE_LABELS, FEE_KIND_LABELS, PUBLIC_LABELS, type ServiceStatus } from '../services/service-vocabulary.ts';
import { getDepartement, getRegion } from '../territories/territory-data.ts';
import { serviceUrl, sortedServices, type OpenDataInput } from './open-data.ts';
import { phoneE164 } from './data-inclusion.ts';

/** Namespace of Passerelle's UUIDs: uuid v5 of "passerelle" in the URL namespace. */
export const PASSERELLE_UUID_NAMESPACE = uuidV5('passerelle', uuidV5.URL);

/** A stable UUID for a Passerelle object ("service:maison-des-parents-arras"). */
export function stableUuid(name: string): string {
  return uuidV5(name, PASSERELLE_UUID_NAMESPACE);
}

/** The HSDS tables Passerelle publishes, in the order of the specification's tabular package. */
export const HSDS_TABLES = ['organizations', 'services', 'locations', 'addresses', 'service_at_location', 'phones', 'schedules'] as const;
export type HsdsTable = (typeof HSDS_TABLES)[number];
/** Object name in the HSDS schema of each table. */
export const HSDS_OBJECT: Record<HsdsTable, string> = {
  organizations: 'organization',
  services: 'service',
  locations: 'location',
  addresses: 'address',
  service_at_location: 'service_at_location',
  phones: 'phone',
  schedules: 'schedule',
};

type Row = Record<string, string | number | undefined>;
export type HsdsTables = Record<HsdsTable, Row[]>;

const STATUS: Record<ServiceStatus, string> = { actif: 'active', 'fermé temporairement': 'temporarily closed', fermé: 'inactive' };
const DAY_CODES = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'] as const;
/** A week with no public holiday in France, to read a weekly pattern out of opening_hours. */
const REFERENCE_MONDAY = new Date(2026, 0, 12);

const serviceUuid = (id: string) => stableUuid(`service:${id}`);
const locationUuid = (id: string, index: number) => stableUuid(`location:${id}:${index}`);
const serviceAtLocationUuid = (id: string, index: number) => stableUuid(`service_at_location:${id}:${index}`);
const organisationUuid = (id: string) => stableUuid(`organization:${id}`);

/** Drops undefined fields (HSDS validators treat a present null as a wrong type). */
function clean(row: Row): Row {
  return Object.fromEntries(Object.entries(row).filter(([, v]) => v !== undefined));
}

const hhmmss = (date: Date) => `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}:00`;

/**
 * Weekly schedules from an opening_hours value: one row per opening time range, with the days it
 * applies to (RFC 5545 BYDAY). Rules that are not weekly (public holidays, some weeks only) keep the
 * original text in `description`.
 */
export function weeklySchedules(openingHours: string): { byday: string; opens_at: string; closes_at: string }[] {
  let intervals: [Date, Date, boolean, string | undefined][];
  try {
    const parsed = new OpeningHours(openingHours, { lat: 46.6, lon: 2.4, address: { country_code: 'fr', state: '' } });
    const end = new Date(REFERENCE_MONDAY);
    end.setDate(end.getDate() + 7);
    intervals = parsed.getOpenIntervals(REFERENCE_MONDAY, end);
  } catch {
    return [];
  }
  const byRange = new Map<string, string[]>();
  for (const [from, to, unknown] of intervals) {
    if (unknown || from.getDate() !== new Date(to.getTime() - 1).getDate()) continue;
    const key = `${hhmmss(from)}|${to.getHours() === 0 && to.getMinutes() === 0 ? '23:59:00' : hhmmss(to)}`;
    const days = byRange.get(key) ?? [];
    const day = DAY_CODES[from.getDay()] as string;
    if (!days.includes(day)) days.push(day);
    byRange.set(key, days);
  }
  return [...byRange].map(([key, days]) => {
    const [opens_at, closes_at] = key.split('|') as [string, string];
    return { byday: days.join(','), opens_at, closes_at };
  });
}

function serviceRow(service: Service, siteUrl: string): Row {
  const fees = [FEE_KIND_LABELS[service.fees.kind], service.fees.details].filter(Boolean).join('. ');
  const kinds = service.kinds.join(', ');
  return clean({
    id: serviceUuid(service.id),
    organization_id: service.organisation ? organisationUuid(service.organisation) : undefined,
    name: service.name,
    alternate_name: kinds,
    description: [service.summary, service.description].filter(Boolean).join('\n\n'),
    url: service.contact.website ?? serviceUrl(siteUrl, service.id),
    email: service.contact.email,
    status: STATUS[service.status],
    application_process: service.access.length ? service.access.map((a) => ACCESS_MODE_LABELS[a]).join(' ; ') : undefined,
    fees_description: fees,
    eligibility_description: service.publics.length ? service.publics.map((p) => PUBLIC_LABELS[p]).join(', ') : undefined,
    accreditations: service.agrement,
    assured_date: service.lastChecked,
  });
}

function locationRows(service: Service, place: ResolvedLocation): { location: Row; address?: Row } {
  const id = locationUuid(service.id, place.index);
  const note = place.confidential
    ? 'Adresse confidentielle : la position est le centre de la commune.'
    : place.approximate
      ? 'Position approximative : centre de la commune.'
      : undefined;
  const location = clean({
    id,
    location_type: 'physical',
    organization_id: service.organisation ? organisationUuid(service.organisation) : undefined,
    name: place.name ?? `${service.name}, ${place.communeName}`,
    description: [note, place.openingHoursNote].filter(Boolean).join(' ') || undefined,
    latitude: place.lat,
    longitude: place.lng,
    external_identifier: place.communeCode,
    external_identifier_type: 'Code officiel géographique (INSEE) de la commune',
  });
  if (!place.address) return { location };
  return {
    location,
    address: clean({
      id: stableUuid(`address:${service.id}:${place.index}`),
      location_id: id,
      address_1: place.address,
      city: place.communeName,
      region: getRegion(place.regionCode)?.name,
      state_province: getDepartement(place.departementCode)?.name ?? place.departementCode,
      postal_code: place.postalCode,
      country: 'FR',
      address_type: 'physical',
    }),
  };
}

/** Every HSDS table, rows sorted by Passerelle id so the files are stable. */
export function hsdsTables({ services, organisations, siteUrl }: OpenDataInput): HsdsTables {
  const tables: HsdsTables = { organizations: [], services: [], locations: [], addresses: [], service_at_location: [], phones: [], schedules: [] };
  tables.organizations = [...organisations]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((o: Organisation) =>
      clean({ id: organisationUuid(o.id), name: o.name, alternate_name: o.acronym, description: o.description, email: o.email, website: o.website }),
    );
  for (const service of sortedServices(services)) {
    tables.services.push(serviceRow(service, siteUrl));
    if (service.contact.phone) {
      tables.phones.push({ id: stableUuid(`phone:${service.id}`), service_id: serviceUuid(service.id), number: phoneE164(service.contact.phone), type: 'voice' });
    }
    for (const place of resolveLocations(service)) {
      const { location, address } = locationRows(service, place);
      tables.locations.push(location);
      if (address) tables.addresses.push(address);
      const salId = serviceAtLocationUuid(service.id, place.index);
      tables.service_at_location.push({ id: salId, service_id: serviceUuid(service.id), location_id: location.id as string });
      if (!place.openingHours) continue;
      const weekly = weeklySchedules(place.openingHours);
      const base = { service_at_location_id: salId, description: `Horaires (syntaxe opening_hours) : ${place.openingHours}`, notes: place.openingHoursNote };
      if (weekly.length === 0) tables.schedules.push(clean({ id: stableUuid(`schedule:${service.id}:${place.index}:0`), ...base }));
      weekly.forEach((range, n) =>
        tables.schedules.push(clean({ id: stableUuid(`schedule:${service.id}:${place.index}:${n}`), ...base, freq: 'WEEKLY', interval: 1, ...range })),
      );
    }
  }
  return tables;
}
