/**
 * Plans the import of records from the field's directories (data·inclusion, HSDS) as candidates a
 * person reviews before anything is published: each record becomes a new candidate service, a
 * proposed correction of the existing service it duplicates (content:check's rules), nothing when it
 * says what Passerelle already says, or is set aside with a French reason. Facts are copied as the
 * record gives them; one that the content schema refuses is left out and said, never rewritten.
 * Pure: reading records and writing the review folder are the scripts' job.
 */
import { CONTENT_PARSE_OPTIONS, problemsFromZodError } from '../content/content-errors.ts';
import { findDuplicate, phoneDigits, websiteKey, type DuplicateRule } from '../content/content-validation.ts';
import { serviceSchema, type Service, type ServiceData, type ServiceInput } from '../content/service-schema.ts';
import { resolveCommune } from '../editing/commune-resolution.ts';
import { describeChanges, type FieldChange } from '../editing/service-changes.ts';
import { newServiceId } from '../editing/service-id.ts';
import { inSchemaOrder, type ExistingContent } from '../editing/service-import.ts';
import { DATA_INCLUSION_SOURCE, dataInclusionFees } from '../exports/data-inclusion.ts';
import { stableUuid } from '../exports/hsds.ts';
import { servicePath } from '../services/service-paths.ts';
import { FEE_KIND_LABELS } from '../services/service-vocabulary.ts';
import { getCommune } from '../territories/territory-data.ts';
import { foldText } from '../territories/text-normalize.ts';
import { readKinds, type PlausibleKind } from './hub-kinds.ts';
import type { HubRecord } from './hub-record.ts';

/** Why a record is not a candidate, as the report groups them. */
export const SET_ASIDE_REASONS = {
  suspendu: 'service suspendu',
  inactif: 'service inactif',
  'hors-sujet': 'ni thématique famille ni type de Passerelle nommé',
  'sans-type': 'aucun type de Passerelle plausible',
  'sans-commune': 'commune absente ou inconnue',
  'hors-departement': 'hors du département demandé',
  'sans-date': 'sans date de mise à jour',
  invalide: 'refusé par le schéma des fiches',
  doublon: 'doublon d’un autre candidat du même import',
} as const;
export type SetAsideReason = keyof typeof SET_ASIDE_REASONS;

interface OutcomeBase {
  record: HubRecord;
  /** Département of the record's commune, when it has one. */
  departement?: string;
}

/** A new service to review, as its file would be written. */
export interface Candidate extends OutcomeBase {
  action: 'candidat';
  departement: string;
  id: string;
  input: ServiceInput;
  data: ServiceData;
  kinds: PlausibleKind[];
  /** Facts the record gives that were left out, and why. */
  notes: string[];
}

/**
 * A record that describes an existing service: its file as the record would change it. When several
 * records describe one service, each correction builds on the previous one: the last holds them all.
 */
export interface Correction extends OutcomeBase {
  action: 'correction';
  departement: string;
  service: Service;
  /** How the record was tied to the service. */
  match: string;
  /** The whole proposed file (what `content/services/<id>.yaml` would hold). */
  input: ServiceInput;
  changes: FieldChange[];
  notes: string[];
}

/** A record that says what the existing service already says. */
export interface Unchanged extends OutcomeBase {
  action: 'inchangé';
  departement: string;
  service: Service;
  match: string;
}

export interface SetAside extends OutcomeBase {
  action: 'écarté';
  reason: SetAsideReason;
  detail: string;
  kinds?: PlausibleKind[];
}

export type HubOutcome = Candidate | Correction | Unchanged | SetAside;

export interface HubImportOptions {
  today?: Date;
  /** Keep only the records of this département. */
  departement?: string;
  onProgress?: (done: number, total: number) => void;
}

type Fields = Record<string, unknown>;

/** Where a record comes from, as a source of a service file. */
export function hubSource(record: HubRecord): { url?: string; document?: string; title: string; date?: string } {
  const title =
    record.hub === 'data-inclusion'
      ? `data·inclusion (${record.source}), identifiant ${record.id}`
      : `Annuaire HSDS « ${record.source} », identifiant ${record.id}`;
  return {
    ...(record.sourceUrl ? { url: record.sourceUrl } : { document: title }),
    title,
    ...(record.updated ? { date: record.updated } : {}),
  };
}

const MIN_SUMMARY = 20;
const MAX_SUMMARY = 300;

/**
 * The record's text as a summary and a description, without rewriting a word: v0's short
 * presentation; else the first paragraph when it fits; else the whole text when it fits; else the
 * first sentences that fit, the description keeping the whole text.
 */
export function splitDescription(record: Pick<HubRecord, 'summary' | 'description'>): { summary?: string; description?: string } {
  const fits = (t: string | undefined) => t !== undefined && t.length >= MIN_SUMMARY && t.length <= MAX_SUMMARY;
  if (record.summary !== undefined && fits(record.summary))
    return { summary: record.summary, ...(record.description ? { description: record.description } : {}) };
  const text = [record.summary, record.description].filter(Boolean).join('\n\n');
  if (!text) return {};
  const [first, ...rest] = text.split(/\n\s*\n/);
  if (rest.length > 0 && fits(first)) return { summary: first as string, description: rest.join('\n\n') };
  if (fits(text)) return { summary: text };
  let summary = '';
  for (const sentence of text.match(/[^.!?…]+[.!?…]+(?:\s+|$)/g) ?? []) {
    if ((summary + sentence).trim().length > MAX_SUMMARY) break;
    summary += sentence;
  }
  summary = summary.trim();
  return fits(summary) ? { summary, description: text } : { description: text };
}

/** The record's fees in Passerelle's terms: the data·inclusion exporter read in reverse. */
function feesOf(record: HubRecord, notes: string[]): Fields | undefined {
  if (!record.fees) return undefined;
  const { frais, frais_precisions: details } = record.fees;
  const national = FEE_KIND_LABELS['bareme-national'];
  if (frais === 'gratuit') return { kind: 'gratuit', ...(details ? { details } : {}) };
  if (frais === 'payant' && details?.startsWith(national)) {
    const rest = details.slice(national.length).replace(/^\.\s*/, '');
    return { kind: 'bareme-national', ...(rest ? { details: rest } : {}) };
  }
  if (frais === 'payant' && details) return { kind: 'payant', details };
  if (frais === 'payant')
    notes.push('tarif « payant » sans montant : le tarif reste « non précisé » (le montant est à demander au service).');
  return details ? { kind: 'non-precise', details } : undefined;
}

/** A point that is its commune's centroid says where the commune is, not where the service is. */
const isCentroid = (communeCode: string, lat: number, lng: number) => {
  const commune = getCommune(communeCode);
  return commune !== undefined && Math.abs(commune.lat - lat) < 1e-5 && Math.abs(commune.lng - lng) < 1e-5;
};

/** The record's place, with only what it says. */
function placeOf(record: HubRecord, communeCode: string): Fields {
  const point =
    record.latitude !== undefined && record.longitude !== undefined && !isCentroid(communeCode, record.latitude, record.longitude);
  return {
    ...(record.address ? { address: record.address } : {}),
    ...(record.postalCode ? { postalCode: record.postalCode } : {}),
    communeCode,
    ...(point ? { latitude: record.latitude, longitude: record.longitude } : {}),
    ...(record.openingHours ? { openingHours: record.openingHours } : {}),
  };
}

/** Facts the schema may refuse one by one: dropped with a note, the rest of the record kept. */
const DROPPABLE: Record<string, string> = {
  'contact.phone': 'téléphone',
  'contact.email': 'e-mail',
  'contact.website': 'site web',
  'locations.0.openingHours': 'horaires',
  'locations.0.postalCode': 'code postal',
  'locations.0.address': 'adresse',
  'locations.0.latitude': 'coordonnées',
  description: 'description',
};

function getPath(target: Fields, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Fields)[key] : undefined), target);
}

function deletePath(target: Fields, path: string): void {
  const keys = path.split('.');
  const last = keys.pop() as string;
  const parent = getPath(target, keys.join('.'));
  if (parent && typeof parent === 'object') {
    delete (parent as Fields)[last];
    if (last === 'latitude') delete (parent as Fields).longitude;
  }
  const contact = target.contact as Fields | undefined;
  if (contact && Object.keys(contact).length === 0) delete target.contact;
}

/** Validates a service file; refused droppable facts are removed (and noted) and the file checked again. */
function validate(input: Fields, notes: string[]): { ok: true; input: Fields; data: ServiceData } | { ok: false; messages: string[] } {
  for (let attempt = 0; attempt < 2; attempt++) {
    const parsed = serviceSchema.safeParse(input, CONTENT_PARSE_OPTIONS);
    if (parsed.success) return { ok: true, input, data: parsed.data };
    const problems = problemsFromZodError('', parsed.error);
    const droppable = problems.filter((p) => DROPPABLE[p.field.replace(/\[(\d+)\]/g, '.$1')] !== undefined);
    if (attempt === 1 || droppable.length !== problems.length)
      return { ok: false, messages: problems.map((p) => (p.field ? `${p.field} : ${p.message}` : p.message)) };
    for (const problem of droppable) {
      const path = problem.field.replace(/\[(\d+)\]/g, '.$1');
      notes.push(`${DROPPABLE[path]} « ${String(getPath(input, path))} » non repris : ${problem.message}`);
      deletePath(input, path);
    }
  }
  return { ok: false, messages: [] };
}

/** A candidate's file: the record's facts, its plausible kinds, the hub as its source and the record's date. */
function candidateInput(
  record: HubRecord,
  communeCode: string,
  kinds: PlausibleKind[],
  formats: readonly string[],
  notes: string[],
): Fields {
  const text = splitDescription(record);
  const contact = {
    ...(record.phone ? { phone: record.phone } : {}),
    ...(record.website ? { website: record.website } : {}),
    ...(record.email ? { email: record.email } : {}),
  };
  const fees = feesOf(record, notes);
  return inSchemaOrder({
    name: record.name,
    kinds: kinds.map((k) => k.kind),
    ...(formats.length ? { parentingSupportFormats: [...formats] } : {}),
    status: 'actif',
    ...text,
    ...(fees ? { fees } : {}),
    ...(Object.keys(contact).length ? { contact } : {}),
    locations: [placeOf(record, communeCode)],
    sources: [hubSource(record)],
    lastChecked: record.updated,
  });
}

/**
 * Finds the existing service a record names by identifier: Passerelle's own exports read back (with
 * the place, from the export's id), or a source already citing the record. Indexed once per import.
 */
function knownServices(services: readonly Service[]): (record: HubRecord) => { service: Service; place?: number } | undefined {
  const byId = new Map(services.map((s) => [s.id, s]));
  let byUuid: Map<string, Service> | undefined;
  const bySource = new Map<string, Service>();
  for (const service of services) {
    for (const source of service.sources) {
      if (source.title) bySource.set(`title:${source.title}`, service);
      if (source.url) bySource.set(`url:${source.url}`, service);
    }
  }
  return (record) => {
    if (record.hub === 'data-inclusion' && record.source === DATA_INCLUSION_SOURCE) {
      // "passerelle--<id>" for a service of one place, "passerelle--<id>--<index>" for each place of the others.
      const id = record.id.slice(`${DATA_INCLUSION_SOURCE}--`.length);
      const whole = byId.get(id);
      if (whole) return { service: whole };
      const place = /^(.+)--(\d+)$/.exec(id);
      const service = place ? byId.get(place[1] as string) : undefined;
      if (service) return { service, place: Number(place?.[2]) };
    }
    if (record.hub === 'hsds') {
      const [uuid, locationId] = record.id.split('/');
      byUuid ??= new Map(services.map((s) => [stableUuid(`service:${s.id}`), s]));
      const service = byUuid.get(uuid ?? '');
      if (service) {
        const place = service.locations.findIndex((_, index) => stableUuid(`location:${service.id}:${index}`) === locationId);
        return { service, ...(place >= 0 ? { place } : {}) };
      }
    }
    const service =
      bySource.get(`title:${hubSource(record).title}`) ?? (record.sourceUrl ? bySource.get(`url:${record.sourceUrl}`) : undefined);
    return service ? { service } : undefined;
  };
}

const MATCH_LABELS: Record<DuplicateRule, string> = {
  'même nom': 'même nom, même commune',
  'nom très proche': 'nom très proche, même commune',
  'même téléphone': 'même téléphone, même commune',
  'même site web': 'même site web, même commune',
};

/**
 * The place of an existing service a record describes: the one its identifier names, else the only
 * place in its commune (or the same address among several), else the service's only place.
 */
function placeIndex(service: Service, record: HubRecord, communeCode: string, named: number | undefined): number | undefined {
  if (named !== undefined) return named;
  const parent = (code: string) => getCommune(code)?.parentCode ?? code;
  const here = service.locations.flatMap((l, index) => (parent(l.communeCode) === parent(communeCode) ? [index] : []));
  if (here.length === 1) return here[0];
  if (here.length > 1)
    return here.find(
      (index) => record.address !== undefined && foldText(service.locations[index]?.address ?? '') === foldText(record.address),
    );
  return service.locations.length === 1 ? 0 : undefined;
}

/** Passerelle's exporters give a service's own page as its address when it has no website: that is no website. */
function isOwnPage(url: string, id: string): boolean {
  try {
    return new URL(url).pathname === servicePath(id);
  } catch {
    return false;
  }
}

/**
 * Applies the record's facts to a service file where they say something else than the file: a phone
 * written another way, a point at the commune's centre or the same fees in the exporter's words are
 * the same fact. A confidential place is never given an address, a name or a point.
 */
function applyFacts(
  file: Fields,
  service: Service,
  record: HubRecord,
  communeCode: string,
  namedPlace: number | undefined,
  notes: string[],
): boolean {
  let changed = false;
  const set = (key: string, value: unknown) => {
    file[key] = value;
    changed = true;
  };
  if (record.name !== service.name) set('name', record.name);
  const recordText = [record.summary, record.description].filter(Boolean).join('\n\n');
  if (recordText && recordText !== [service.summary, service.description].filter(Boolean).join('\n\n')) {
    const text = splitDescription(record);
    if (text.summary) {
      set('summary', text.summary);
      if (text.description) file.description = text.description;
      else delete file.description;
    } else notes.push('description du hub trop courte pour servir de résumé : non reprise.');
  }
  const contact: Fields = { ...((file.contact as Fields | undefined) ?? {}) };
  const differs = {
    phone: record.phone !== undefined && (!service.contact.phone || phoneDigits(service.contact.phone) !== phoneDigits(record.phone)),
    email: record.email !== undefined && record.email.toLowerCase() !== service.contact.email?.toLowerCase(),
    website:
      record.website !== undefined &&
      !isOwnPage(record.website, service.id) &&
      (!service.contact.website || websiteKey(service.contact.website) !== websiteKey(record.website)),
  };
  for (const key of ['phone', 'email', 'website'] as const) if (differs[key]) contact[key] = record[key];
  if (Object.values(differs).some(Boolean)) set('contact', contact);
  if (record.fees) {
    const current = dataInclusionFees(service);
    if (current.frais !== record.fees.frais || current.frais_precisions !== record.fees.frais_precisions) {
      const fees = feesOf(record, notes);
      if (fees) set('fees', fees);
    }
  }
  const index = placeIndex(service, record, communeCode, namedPlace);
  const places = Array.isArray(file.locations) ? (file.locations as Fields[]).map((p) => ({ ...p })) : [];
  const place = index === undefined ? undefined : places[index];
  if (!place) {
    notes.push(
      `le lieu du hub (${getCommune(communeCode)?.name ?? communeCode}) ne correspond à aucun lieu de la fiche (ou à plusieurs) : ni son adresse ni ses horaires ne sont repris.`,
    );
  } else if (place.confidential === true) {
    notes.push('lieu à adresse confidentielle : ni adresse ni position du hub ne sont reprises.');
  } else {
    const existing = service.locations[index as number];
    const facts = placeOf(record, existing?.communeCode ?? communeCode);
    let placeChanged = false;
    for (const key of ['address', 'postalCode', 'openingHours'] as const) {
      if (facts[key] === undefined || facts[key] === existing?.[key]) continue;
      place[key] = facts[key];
      placeChanged = true;
    }
    const lat = facts.latitude as number | undefined;
    const lng = facts.longitude as number | undefined;
    if (
      lat !== undefined &&
      lng !== undefined &&
      (existing?.latitude === undefined || Math.abs(existing.latitude - lat) > 1e-5 || Math.abs((existing.longitude ?? 0) - lng) > 1e-5)
    ) {
      place.latitude = lat;
      place.longitude = lng;
      placeChanged = true;
    }
    if (placeChanged) set('locations', places);
  }
  return changed;
}

/** Adds the hub's source to a proposed correction, and its date when newer than the file's check. */
function citeRecord(file: Fields, service: Service, record: HubRecord, notes: string[]): void {
  const source = hubSource(record);
  const sources = Array.isArray(file.sources) ? [...(file.sources as Fields[])] : [];
  if (!sources.some((s) => s.title === source.title)) file.sources = [...sources, source];
  if (record.updated > service.lastChecked) file.lastChecked = record.updated;
  else if (record.updated < service.lastChecked)
    notes.push(
      `la fiche a été vérifiée le ${service.lastChecked}, après la mise à jour du hub (${record.updated}) : à comparer avec prudence.`,
    );
}

/**
 * Plans the import of records against the existing content: never writes, never throws on a record.
 * Records naming the same existing service are gathered into one proposed correction.
 */
export function planHubImport(records: readonly HubRecord[], existing: ExistingContent, options: HubImportOptions = {}): HubOutcome[] {
  const today = (options.today ?? new Date()).toISOString().slice(0, 10);
  const outcomes: HubOutcome[] = [];
  const taken = new Set(existing.services.map((s) => s.id));
  const candidatesByCity = new Map<string, Service[]>();
  const corrections = new Map<string, Correction>();
  const knownService = knownServices(existing.services);
  // Duplicates are looked for among the services of the record's commune (an arrondissement counting as its city).
  const cityOf = (code: string) => getCommune(code)?.parentCode ?? code;
  const byCity = new Map<string, Service[]>();
  for (const service of existing.services) {
    for (const city of new Set(service.locations.map((l) => cityOf(l.communeCode))))
      byCity.set(city, [...(byCity.get(city) ?? []), service]);
  }

  records.forEach((record, index) => {
    if (options.onProgress && index % 500 === 0) options.onProgress(index, records.length);
    const setAside = (reason: SetAsideReason, detail: string, departement?: string, kinds?: PlausibleKind[]): void => {
      outcomes.push({ action: 'écarté', record, reason, detail, ...(departement ? { departement } : {}), ...(kinds ? { kinds } : {}) });
    };
    const resolved =
      record.communeCode && getCommune(record.communeCode)
        ? record.communeCode
        : record.postalCode || record.communeName
          ? resolveCommune({ postalCode: record.postalCode ?? '', communeName: record.communeName ?? '', communeCode: '' })
          : undefined;
    const communeCode = typeof resolved === 'string' ? resolved : resolved?.ok ? resolved.communeCode : undefined;
    const departement = communeCode ? getCommune(communeCode)?.departementCode : undefined;
    if (options.departement && departement !== options.departement)
      return setAside('hors-departement', departement ? `département ${departement}` : 'sans commune', departement);
    if (record.suspendedFrom && record.suspendedFrom <= today)
      return setAside('suspendu', `suspendu depuis le ${record.suspendedFrom}`, departement);
    if (record.inactiveStatus) return setAside('inactif', `statut « ${record.inactiveStatus} »`, departement);
    const reading = readKinds(record);
    const known = knownService(record);
    if (!reading.relevant && !known)
      return setAside(
        'hors-sujet',
        record.thematiques.length ? `thématiques : ${record.thematiques.join(', ')}` : 'sans thématique',
        departement,
      );
    if (!communeCode || !departement) {
      return setAside(
        'sans-commune',
        record.communeCode
          ? `code INSEE « ${record.communeCode} » inconnu`
          : record.communeName
            ? `commune « ${record.communeName} » introuvable`
            : 'aucune commune',
        undefined,
        reading.kinds,
      );
    }
    if (!record.updated)
      return setAside(
        'sans-date',
        'la date de mise à jour (date_maj) manque : la fiche ne peut pas dire de quand datent ses informations.',
        departement,
        reading.kinds,
      );

    const notes: string[] = [];
    const facts: Pick<Service, 'name' | 'locations' | 'contact'> = {
      name: record.name,
      locations: [{ communeCode, confidential: false }],
      contact: { ...(record.phone ? { phone: record.phone } : {}), ...(record.website ? { website: record.website } : {}) },
    };
    const duplicate = known ? undefined : findDuplicate(facts, byCity.get(cityOf(communeCode)) ?? []);
    const service = known?.service ?? duplicate?.service;
    if (service) {
      const match = known ? 'identifiant du hub' : MATCH_LABELS[(duplicate as { rule: DuplicateRule }).rule];
      const previous = corrections.get(service.id);
      const base = previous
        ? (structuredClone(previous.input) as Fields)
        : ((structuredClone(existing.readServiceFile(service.id)) as Fields | undefined) ?? {});
      if (!applyFacts(base, service, record, communeCode, known?.place, notes)) {
        outcomes.push({ action: 'inchangé', record, departement, service, match });
        return;
      }
      citeRecord(base, service, record, notes);
      const checked = validate(inSchemaOrder(base), notes);
      if (!checked.ok) return setAside('invalide', `correction de ${service.id} : ${checked.messages.join(' ; ')}`, departement);
      const correction: Correction = {
        action: 'correction',
        record,
        departement,
        service,
        match,
        input: checked.input as ServiceInput,
        changes: describeChanges(service, checked.data),
        notes: [...new Set([...(previous?.notes ?? []), ...notes])],
      };
      outcomes.push(correction);
      corrections.set(service.id, correction);
      return;
    }
    if (reading.kinds.length === 0) {
      return setAside(
        'sans-type',
        `thématiques ${reading.familyThematiques.join(', ')}, mais ni le nom ni la description ne nomment un type de Passerelle`,
        departement,
      );
    }
    const checked = validate(candidateInput(record, communeCode, reading.kinds, reading.parentingSupportFormats, notes), notes);
    if (!checked.ok) return setAside('invalide', checked.messages.join(' ; '), departement, reading.kinds);
    const other = findDuplicate(checked.data, candidatesByCity.get(cityOf(communeCode)) ?? []);
    if (other) return setAside('doublon', `${MATCH_LABELS[other.rule]} que le candidat ${other.service.id}`, departement, reading.kinds);
    const id = newServiceId(checked.data.name, communeCode, taken);
    taken.add(id);
    candidatesByCity.set(cityOf(communeCode), [...(candidatesByCity.get(cityOf(communeCode)) ?? []), { ...checked.data, id }]);
    outcomes.push({
      action: 'candidat',
      record,
      departement,
      id,
      input: checked.input as ServiceInput,
      data: checked.data,
      kinds: reading.kinds,
      notes,
    });
  });
  options.onProgress?.(records.length, records.length);
  return outcomes;
}
