/** What changed in a service between two versions, in words a federation's editor reads. */
import type { ServiceData, ServiceLocationData } from '../content/service-schema.ts';
import { getCommune } from '../territories/territory-data.ts';

export interface FieldChange {
  /** Top-level key of the service file. */
  field: keyof ServiceData;
  /** French name of the field. */
  label: string;
  /** Short readable values, when the field is simple enough to show. */
  before?: string;
  after?: string;
  /** For places: what changed, place by place. */
  places?: string[];
}

export const FIELD_LABELS: Record<keyof ServiceData, string> = {
  name: 'nom',
  kinds: 'types',
  parentingSupportFormats: 'formes de soutien à la parentalité',
  status: 'statut',
  organisation: 'gestionnaire',
  federations: 'fédérations',
  summary: 'résumé',
  description: 'description',
  publics: 'publics',
  access: 'modes d’accès',
  fees: 'tarif',
  languages: 'langues',
  accessibility: 'accessibilité',
  contact: 'coordonnées',
  orientation: 'orientation en ligne',
  locations: 'lieux',
  servedArea: 'territoire desservi',
  funding: 'financeurs',
  agrement: 'agrément',
  sources: 'sources',
  lastChecked: 'date de vérification',
};

export const PLACE_FIELD_LABELS: Record<keyof ServiceLocationData, string> = {
  name: 'nom du lieu',
  address: 'adresse',
  postalCode: 'code postal',
  communeCode: 'code INSEE',
  latitude: 'latitude',
  longitude: 'longitude',
  openingHours: 'horaires',
  openingHoursNote: 'précisions sur les horaires',
  confidential: 'adresse confidentielle',
};

/** "Arras, 1 rue des Lilas": the commune, then the address or the place's name when there is one. */
export function placeLabel(place: Pick<ServiceLocationData, 'communeCode' | 'address' | 'name'>): string {
  const commune = getCommune(place.communeCode)?.name ?? place.communeCode;
  const detail = place.address ?? place.name;
  return detail ? `${commune}, ${detail}` : commune;
}

/** JSON with object keys sorted, so that two equal values written in another order compare equal. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

function readable(value: unknown): string | undefined {
  if (value === undefined) return '';
  if (typeof value === 'string') return value.length > 80 ? `${value.slice(0, 77)}…` : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join(', ');
  if (
    value &&
    typeof value === 'object' &&
    Object.values(value).every((v) => typeof v === 'string' || typeof v === 'boolean' || v === undefined)
  ) {
    return Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k} : ${String(v)}`)
      .join(', ');
  }
  return undefined;
}

/** Place by place (same position in both lists): "Arras : horaires « … » → « … »", "lieu ajouté : Lens". */
function describePlaceChanges(before: readonly ServiceLocationData[], after: readonly ServiceLocationData[]): string[] {
  const lines: string[] = [];
  for (let i = 0; i < Math.max(before.length, after.length); i++) {
    const old = before[i];
    const next = after[i];
    if (!old && next) lines.push(`lieu ajouté : ${placeLabel(next)}`);
    else if (old && !next) lines.push(`lieu retiré : ${placeLabel(old)}`);
    else if (old && next && canonicalJson(old) !== canonicalJson(next)) {
      const fields = (Object.keys(PLACE_FIELD_LABELS) as (keyof ServiceLocationData)[])
        .filter((key) => canonicalJson(old[key]) !== canonicalJson(next[key]))
        .map((key) => `${PLACE_FIELD_LABELS[key]} « ${readable(old[key]) ?? ''} » → « ${readable(next[key]) ?? ''} »`);
      lines.push(`${placeLabel(old)} : ${fields.join(', ')}`);
    }
  }
  return lines;
}

/** The fields whose validated values differ, in the order of the schema. */
export function describeChanges(before: ServiceData, after: ServiceData): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of Object.keys(FIELD_LABELS) as (keyof ServiceData)[]) {
    if (canonicalJson(before[field]) === canonicalJson(after[field])) continue;
    if (field === 'locations') {
      changes.push({ field, label: FIELD_LABELS[field], places: describePlaceChanges(before.locations, after.locations) });
      continue;
    }
    const old = readable(before[field]);
    const next = readable(after[field]);
    changes.push({ field, label: FIELD_LABELS[field], ...(old !== undefined && next !== undefined ? { before: old, after: next } : {}) });
  }
  return changes;
}

/** "téléphone : « » → « 03 21 00 00 00 » ; lieux : Arras : horaires « … » → « … »" */
export function formatChanges(changes: readonly FieldChange[]): string {
  return changes
    .map((c) =>
      c.places
        ? `${c.label} : ${c.places.join(' ; ')}`
        : c.before !== undefined
          ? `${c.label} : « ${c.before} » → « ${c.after} »`
          : c.label,
    )
    .join(' ; ');
}
