/**
 * Records of the field's exchange formats (data·inclusion, v1 and v0, and Open Referral HSDS 3) read
 * into one shape, keeping only the facts Passerelle has a field for. A contact person's name is never
 * read, and an email the producer marks as not public is dropped here, before anything else sees it.
 * Pure: reading files and calling the hub's API are the scripts' job.
 */
import { HSDS_HOURS_PREFIX } from '../exports/hsds.ts';
import { resolveCommune } from '../editing/commune-resolution.ts';

/** One service at one place, as a directory of the field describes it. */
export interface HubRecord {
  /** The format it was read from. */
  hub: 'data-inclusion' | 'hsds';
  /** The producer (data·inclusion's `source`: dora, soliguide…; for HSDS, the directory's name). */
  source: string;
  /** The record's identifier in the hub ("dora--42"; for HSDS, the service's UUID). */
  id: string;
  name: string;
  /** data·inclusion v0's short presentation (`presentation_resume`), when the record has one. */
  summary?: string;
  description?: string;
  /** Thématiques as the record gives them (v1 or v0 names). */
  thematiques: string[];
  /** Other names of the service (HSDS `alternate_name`). */
  alternateName?: string;
  /** The record's last update (AAAA-MM-JJ). */
  updated: string;
  /** data·inclusion `date_suspension` (AAAA-MM-JJ). */
  suspendedFrom?: string;
  /** HSDS status other than active. */
  inactiveStatus?: string;
  /** The producer's page for the record (`lien_source`). */
  sourceUrl?: string;
  phone?: string;
  /** Only when public. */
  email?: string;
  website?: string;
  address?: string;
  postalCode?: string;
  communeCode?: string;
  /** The commune's name as the record writes it, for a message when it does not resolve. */
  communeName?: string;
  latitude?: number;
  longitude?: number;
  /** OpenStreetMap opening_hours, as data·inclusion carries them. */
  openingHours?: string;
  /** data·inclusion v1 `frais` (gratuit, payant) and `frais_precisions`. */
  fees?: { frais: string | null; frais_precisions: string | null };
  /** en-presentiel, a-distance. */
  modesAccueil: string[];
}

type Raw = Record<string, unknown>;

const isObject = (value: unknown): value is Raw => typeof value === 'object' && value !== null && !Array.isArray(value);

function text(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.replace(/\r\n?/g, '\n').trim();
  return trimmed === '' ? undefined : trimmed;
}

function number(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

/** A list as JSON gives it, or as a CSV cell writes it (JSON, PostgreSQL "{a,b}" or "a, b"). */
function list(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim());
  const cell = text(value);
  if (!cell) return [];
  if (cell.startsWith('[')) {
    try {
      return list(JSON.parse(cell) as unknown);
    } catch {
      // Not JSON after all: read it as a plain list below.
    }
  }
  return cell
    .replace(/^\{(.*)\}$/s, '$1')
    .split(',')
    .map((v) => v.trim().replace(/^"(.*)"$/, '$1'))
    .filter(Boolean);
}

const isFalse = (value: unknown) => value === false || (typeof value === 'string' && /^(false|faux|f|0|non)$/i.test(value.trim()));

/** "2025-02-14T10:00:00Z" or "2025-02-14" as "2025-02-14". */
const day = (value: unknown) => {
  const t = text(value);
  return t && /^\d{4}-\d{2}-\d{2}/.test(t) ? t.slice(0, 10) : undefined;
};

/** v0's list of fees ("gratuit", "payant", "adhesion"…) as v1's single value. */
function feesOf(raw: Raw): HubRecord['fees'] {
  const precisions = text(raw.frais_precisions) ?? text(raw.frais_autres) ?? null;
  const values = list(raw.frais);
  // v1 has one value; v0 a list, where "gratuit-sous-conditions" or "autre" say neither.
  const frais = values.includes('payant') || values.includes('adhesion') ? 'payant' : values.includes('gratuit') ? 'gratuit' : null;
  return frais === null && precisions === null ? undefined : { frais, frais_precisions: precisions };
}

const sameText = (a: unknown, b: unknown) => text(a) !== undefined && text(a)?.toLowerCase() === text(b)?.toLowerCase();

/** A record as the readers build it: each optional field given, possibly as undefined. */
type Undefinable<T> = { [K in keyof T]: undefined extends T[K] ? T[K] | undefined : T[K] };

/** Drops undefined fields, so that a record only says what its source says. */
function defined<T extends object>(record: Undefinable<T>): T {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as T;
}

/**
 * One data·inclusion service record (v1, or v0 as the API answered until 2025), with its structure
 * when the answer nests it or the structures file gives it. The structure's hours are the service's
 * only when both are at the same address.
 */
export function dataInclusionRecord(raw: Raw, structure?: Raw): HubRecord | undefined {
  const id = text(raw.id);
  const name = text(raw.nom);
  if (!id || !name) return undefined;
  const source = text(raw.source) ?? id.split('--')[0] ?? 'data-inclusion';
  const nested = isObject(raw.structure) ? raw.structure : structure;
  const samePlace = nested !== undefined && sameText(nested.adresse, raw.adresse) && sameText(nested.code_insee, raw.code_insee);
  const hours =
    text(raw.horaires_accueil) ??
    text(raw.horaires_ouverture) ??
    (samePlace ? (text(nested.horaires_accueil) ?? text(nested.horaires_ouverture)) : undefined);
  const v0 = raw.presentation_resume !== undefined || raw.presentation_detail !== undefined;
  return defined<HubRecord>({
    hub: 'data-inclusion' as const,
    source,
    id,
    name,
    summary: v0 ? text(raw.presentation_resume) : undefined,
    description: v0 ? text(raw.presentation_detail) : text(raw.description),
    thematiques: list(raw.thematiques),
    updated: day(raw.date_maj) ?? '',
    suspendedFrom: day(raw.date_suspension),
    sourceUrl: text(raw.lien_source),
    phone: text(raw.telephone),
    // A producer that says its contact is not public is obeyed: the email is never read.
    email: isFalse(raw.contact_public) ? undefined : text(raw.courriel),
    website: text(raw.page_web),
    address: text(raw.adresse),
    postalCode: text(raw.code_postal),
    communeCode: text(raw.code_insee),
    communeName: text(raw.commune),
    latitude: number(raw.latitude),
    longitude: number(raw.longitude),
    openingHours: hours,
    fees: feesOf(raw),
    modesAccueil: list(raw.modes_accueil),
  });
}

/** The records of a data·inclusion answer or file: a list of services, or a page of the API (`items`, plain or `{ service }`). */
export function dataInclusionItems(data: unknown): Raw[] {
  const items = Array.isArray(data) ? data : isObject(data) && Array.isArray(data.items) ? data.items : [];
  return items.filter(isObject).map((item) => (isObject(item.service) ? item.service : item));
}

/** Reads data·inclusion services (and the structures beside them, by id). Records without id or name are counted apart. */
export function readDataInclusion(services: unknown, structures: unknown = []): { records: HubRecord[]; unreadable: number } {
  const byId = new Map(dataInclusionItems(structures).flatMap((s) => (text(s.id) ? [[text(s.id) as string, s] as const] : [])));
  const records: HubRecord[] = [];
  let unreadable = 0;
  for (const raw of dataInclusionItems(services)) {
    const record = dataInclusionRecord(raw, byId.get(text(raw.structure_id) ?? ''));
    if (record) records.push(record);
    else unreadable++;
  }
  return { records, unreadable };
}

/** HSDS tables as rows (JSON arrays or CSV read as objects), by table name. */
export type HsdsRows = Partial<Record<string, readonly Raw[]>>;

const ICAL_TO_OSM: Record<string, string> = { MO: 'Mo', TU: 'Tu', WE: 'We', TH: 'Th', FR: 'Fr', SA: 'Sa', SU: 'Su' };
const hhmm = (time: unknown) => text(time)?.slice(0, 5);

/**
 * A place's hours from its HSDS schedules: the opening_hours text Passerelle writes in a schedule's
 * description, else the weekly schedules written in that syntax ("Mo,Tu 09:00-12:00,14:00-17:00").
 * Anything else (monthly rules, dates) gives none: hours are never guessed.
 */
function hsdsHours(schedules: readonly Raw[]): string | undefined {
  for (const s of schedules) {
    const description = text(s.description);
    if (description?.startsWith(HSDS_HOURS_PREFIX)) return description.slice(HSDS_HOURS_PREFIX.length);
  }
  if (
    schedules.length === 0 ||
    schedules.some((s) => text(s.freq)?.toUpperCase() !== 'WEEKLY' || !text(s.byday) || !hhmm(s.opens_at) || !hhmm(s.closes_at))
  )
    return undefined;
  const byDays = new Map<string, string[]>();
  for (const s of schedules) {
    const days = (text(s.byday) as string).split(',').map((d) => ICAL_TO_OSM[d.trim().toUpperCase()]);
    if (days.some((d) => d === undefined)) return undefined;
    const key = days.join(',');
    byDays.set(key, [...(byDays.get(key) ?? []), `${hhmm(s.opens_at)}-${hhmm(s.closes_at)}`]);
  }
  return [...byDays].map(([days, ranges]) => `${days} ${ranges.join(',')}`).join('; ');
}

/** The INSEE code a location carries (Passerelle writes it as its external identifier), else the one its address resolves to. */
function hsdsCommune(location: Raw | undefined, address: Raw | undefined): string | undefined {
  if (location && /insee/i.test(text(location.external_identifier_type) ?? '') && /^\w{5}$/.test(text(location.external_identifier) ?? ''))
    return text(location.external_identifier);
  const city = text(address?.city);
  if (!city) return undefined;
  const resolved = resolveCommune({ postalCode: text(address?.postal_code) ?? '', communeName: city, communeCode: '' });
  return resolved.ok ? resolved.communeCode : undefined;
}

/**
 * Reads HSDS 3 tables: one record per service and place (service_at_location), one without a place
 * for a service that has none. `directory` names the producer (the folder's name, for instance).
 */
export function readHsds(tables: HsdsRows, directory: string): HubRecord[] {
  const rows = (name: string) => tables[name] ?? [];
  const byId = (name: string) => new Map(rows(name).map((r) => [text(r.id) ?? '', r]));
  const locations = byId('locations');
  const organizations = byId('organizations');
  const groupBy = (name: string, key: string) => {
    const map = new Map<string, Raw[]>();
    for (const r of rows(name)) {
      const k = text(r[key]);
      if (k) map.set(k, [...(map.get(k) ?? []), r]);
    }
    return map;
  };
  const addresses = groupBy('addresses', 'location_id');
  const phonesByService = groupBy('phones', 'service_id');
  const phonesByLocation = groupBy('phones', 'location_id');
  const schedulesBySal = groupBy('schedules', 'service_at_location_id');
  const schedulesByService = groupBy('schedules', 'service_id');
  const sals = groupBy('service_at_location', 'service_id');

  const records: HubRecord[] = [];
  for (const service of rows('services')) {
    const id = text(service.id);
    const name = text(service.name);
    if (!id || !name) continue;
    const status = text(service.status);
    const organization = organizations.get(text(service.organization_id) ?? '');
    const base = {
      hub: 'hsds' as const,
      source: directory,
      id,
      name,
      description: text(service.description),
      thematiques: [],
      alternateName: text(service.alternate_name),
      updated: day(service.assured_date) ?? day(service.last_modified) ?? '',
      inactiveStatus: status && status !== 'active' ? status : undefined,
      phone: text(phonesByService.get(id)?.[0]?.number),
      email: text(service.email),
      website: text(service.url) ?? text(organization?.website),
      modesAccueil: [],
    };
    const places = sals.get(id) ?? [];
    if (places.length === 0) {
      records.push(defined<HubRecord>({ ...base, openingHours: hsdsHours(schedulesByService.get(id) ?? []) }));
      continue;
    }
    for (const sal of places) {
      const locationId = text(sal.location_id) ?? '';
      const location = locations.get(locationId);
      const address = (addresses.get(locationId) ?? []).find((a) => (text(a.address_type) ?? 'physical') === 'physical');
      records.push(
        defined<HubRecord>({
          ...base,
          id: places.length === 1 ? id : `${id}/${locationId}`,
          phone: base.phone ?? text(phonesByLocation.get(locationId)?.[0]?.number),
          address: text(address?.address_1),
          postalCode: text(address?.postal_code),
          communeCode: hsdsCommune(location, address),
          communeName: text(address?.city),
          latitude: number(location?.latitude),
          longitude: number(location?.longitude),
          openingHours: hsdsHours(schedulesBySal.get(text(sal.id) ?? '') ?? schedulesByService.get(id) ?? []),
        }),
      );
    }
  }
  return records;
}
