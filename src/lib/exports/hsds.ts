/**
 * Open Referral HSDS 3.0 tables (organizations, services, locations, addresses, service_at_location,
 * phones, schedules) as JSON arrays, one file per table, so that directories abroad can take
 * Passerelle as a source. Ids are UUID v5 derived from Passerelle's stable ids, so they never change
 * between builds. A confidential place has no address and its commune's centroid, said in its
 * description.
 */
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

const serviceUuid = (id: string) => stableUuid(`service:${id}`);
const locationUuid = (id: string, index: number) => stableUuid(`location:${id}:${index}`);
const serviceAtLocationUuid = (id: string, index: number) => stableUuid(`service_at_location:${id}:${index}`);
const organisationUuid = (id: string) => stableUuid(`organization:${id}`);

/** Drops undefined fields (HSDS validators treat a present null as a wrong type). */
function clean(row: Row): Row {
  return Object.fromEntries(Object.entries(row).filter(([, v]) => v !== undefined));
}

const WEEKDAYS = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'] as const;
type Weekday = (typeof WEEKDAYS)[number];
const ICAL_DAY: Record<Weekday, string> = { Mo: 'MO', Tu: 'TU', We: 'WE', Th: 'TH', Fr: 'FR', Sa: 'SA', Su: 'SU' };

/** One opening time range of a recurring schedule, with the days it applies to (RFC 5545 BYDAY). */
export interface RecurringSchedule {
  /** WEEKLY: every week on `byday` ("MO,TU"); MONTHLY: on the nth weekdays of the month ("2WE", "1WE,3WE", "-1FR"). */
  freq: 'WEEKLY' | 'MONTHLY';
  byday: string;
  opens_at: string;
  closes_at: string;
}

type TimeRange = [opens: string, closes: string];
/** A day selector: a weekday, and for "We[1,3]" the weeks of the month (negative from its end). */
type DaySelector = { day: Weekday; nth?: number[] };

const DAY_ITEM = /^(Mo|Tu|We|Th|Fr|Sa|Su)(?:-(Mo|Tu|We|Th|Fr|Sa|Su))?(?:\[(-?[1-5](?:,-?[1-5])*)\])?$/;
const TIME_RANGE = /^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$/;

/** "Mo-We,Fr[2]" as day selectors; undefined for anything else (months, weeks, dates, holidays…). */
function parseDays(text: string): DaySelector[] | undefined {
  const selectors: DaySelector[] = [];
  // Commas separate days, except inside the brackets of "We[1,3]".
  for (const item of text.split(/,(?![^[]*\])/)) {
    const match = DAY_ITEM.exec(item);
    if (!match) return undefined;
    const from = WEEKDAYS.indexOf(match[1] as Weekday);
    const to = match[2] ? WEEKDAYS.indexOf(match[2] as Weekday) : from;
    const nth = match[3]?.split(',').map(Number);
    if (nth && match[2]) return undefined;
    for (let i = from; ; i = (i + 1) % 7) {
      selectors.push({ day: WEEKDAYS[i] as Weekday, ...(nth ? { nth } : {}) });
      if (i === to) break;
    }
  }
  return selectors;
}

/** "09:00-12:00,14:00-17:00" as ranges within a day; undefined for open ends or ranges past midnight. */
function parseTimes(text: string): TimeRange[] | undefined {
  const ranges: TimeRange[] = [];
  for (const item of text.split(',')) {
    const match = TIME_RANGE.exec(item.trim());
    if (!match) return undefined;
    const [opensH, opensM, closesH, closesM] = match.slice(1).map(Number) as [number, number, number, number];
    const opens = opensH * 60 + opensM;
    const closes = closesH * 60 + closesM;
    if (opensM > 59 || closesM > 59 || opens >= closes || closes > 24 * 60) return undefined;
    const time = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00`;
    // HSDS has no 24:00: the last minute of the day closes it.
    ranges.push([time(opens), closes === 24 * 60 ? '23:59:00' : time(closes)]);
  }
  return ranges;
}

/**
 * The recurring schedules an opening_hours value describes, read from its rules (not sampled from
 * one week): weekdays ("Mo-Fr 09:00-12:00"), weekdays of some weeks of the month ("We[2]",
 * "We[1,3]": MONTHLY) and "PH off" (public holidays are not a schedule: the description keeps them).
 * Any other rule (months, school holidays, weeks of the year, dates, comments, a time past midnight),
 * or a weekday given both every week and some weeks only, gives [] : the hours are exported as their
 * description only, never as a schedule that would be wrong part of the year.
 */
export function recurringSchedules(openingHours: string): RecurringSchedule[] {
  const weekly = new Map<Weekday, TimeRange[]>();
  const monthly = new Map<Weekday, Map<number, TimeRange[]>>();
  // ";" starts a rule that replaces earlier ones on its days; ", " after a time adds to them.
  const rules = openingHours
    .split(';')
    .flatMap((rule) => rule.split(/(?<=\d),\s*(?=[A-Z])/).map((part, index) => ({ text: part.trim(), adds: index > 0 })));
  for (const { text, adds } of rules) {
    if (!text || /^PH\s+(?:off|closed)$/.test(text)) continue;
    const rule = text === '24/7' ? 'Mo-Su 00:00-24:00' : text;
    const match = /^(?:(\S+)\s+)?(\S+(?:\s*,\s*\S+)*)$/.exec(rule);
    if (!match) return [];
    const days = match[1] === undefined ? parseDays('Mo-Su') : parseDays(match[1]);
    const closed = match[2] === 'off' || match[2] === 'closed';
    const times = closed ? [] : parseTimes(match[2] as string);
    if (!days || !times) return [];
    for (const { day, nth } of days) {
      if (!nth) {
        weekly.set(day, adds ? [...(weekly.get(day) ?? []), ...times] : times);
        continue;
      }
      const weeks = monthly.get(day) ?? new Map<number, TimeRange[]>();
      for (const n of nth) weeks.set(n, adds ? [...(weeks.get(n) ?? []), ...times] : times);
      monthly.set(day, weeks);
    }
  }
  // Open every week and also some weeks only (or closed some weeks) on the same day: no schedule says both.
  if ([...monthly.keys()].some((day) => (weekly.get(day)?.length ?? 0) > 0)) return [];

  const schedules = new Map<string, RecurringSchedule>();
  const add = (freq: RecurringSchedule['freq'], day: string, [opens, closes]: TimeRange) => {
    const key = `${freq}|${opens}|${closes}`;
    const schedule = schedules.get(key);
    if (schedule) schedule.byday += `,${day}`;
    else schedules.set(key, { freq, byday: day, opens_at: opens, closes_at: closes });
  };
  for (const day of WEEKDAYS) for (const range of weekly.get(day) ?? []) add('WEEKLY', ICAL_DAY[day], range);
  for (const day of WEEKDAYS) {
    const weeks = [...(monthly.get(day) ?? [])].sort(([a], [b]) => (a < 0 ? 10 - a : a) - (b < 0 ? 10 - b : b));
    for (const [n, ranges] of weeks) for (const range of ranges) add('MONTHLY', `${n}${ICAL_DAY[day]}`, range);
  }
  return [...schedules.values()];
}

/**
 * The weekly pattern of an opening_hours value (for schema.org's OpeningHoursSpecification, which
 * has no weeks of the month): [] unless every rule is weekly.
 */
export function weeklySchedules(openingHours: string): { byday: string; opens_at: string; closes_at: string }[] {
  const schedules = recurringSchedules(openingHours);
  if (schedules.some((schedule) => schedule.freq !== 'WEEKLY')) return [];
  return schedules.map(({ byday, opens_at, closes_at }) => ({ byday, opens_at, closes_at }));
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
      // HSDS requires the field: empty when no source gives it.
      postal_code: place.postalCode ?? '',
      country: 'FR',
      address_type: 'physical',
    }),
  };
}

/** How a schedule's description carries the opening_hours text it was made from. */
export const HSDS_HOURS_PREFIX = 'Horaires (syntaxe opening_hours) : ';

/** Every HSDS table, rows sorted by Passerelle id so the files are stable. */
export function hsdsTables({ services, organisations, siteUrl }: OpenDataInput): HsdsTables {
  const tables: HsdsTables = {
    organizations: [],
    services: [],
    locations: [],
    addresses: [],
    service_at_location: [],
    phones: [],
    schedules: [],
  };
  tables.organizations = [...organisations]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((o: Organisation) =>
      clean({
        id: organisationUuid(o.id),
        name: o.name,
        alternate_name: o.acronym,
        description: o.description,
        email: o.email,
        website: o.website,
      }),
    );
  for (const service of sortedServices(services)) {
    tables.services.push(serviceRow(service, siteUrl));
    if (service.contact.phone) {
      tables.phones.push({
        id: stableUuid(`phone:${service.id}`),
        service_id: serviceUuid(service.id),
        number: phoneE164(service.contact.phone),
        type: 'voice',
      });
    }
    for (const place of resolveLocations(service)) {
      const { location, address } = locationRows(service, place);
      tables.locations.push(location);
      if (address) tables.addresses.push(address);
      const salId = serviceAtLocationUuid(service.id, place.index);
      tables.service_at_location.push({ id: salId, service_id: serviceUuid(service.id), location_id: location.id });
      if (!place.openingHours) continue;
      const recurring = recurringSchedules(place.openingHours);
      const base = {
        service_at_location_id: salId,
        description: `${HSDS_HOURS_PREFIX}${place.openingHours}`,
        notes: place.openingHoursNote,
      };
      if (recurring.length === 0) tables.schedules.push(clean({ id: stableUuid(`schedule:${service.id}:${place.index}:0`), ...base }));
      recurring.forEach((schedule, n) =>
        tables.schedules.push(clean({ id: stableUuid(`schedule:${service.id}:${place.index}:${n}`), ...base, interval: 1, ...schedule })),
      );
    }
  }
  return tables;
}
