/**
 * Communes for the place fields, from the small files of /communes/ (one per first letters or
 * postal-code prefix): suggestions as you type, a commune by INSEE code, and what a typed name names.
 */
import {
  communeFileForQuery,
  communeFilePath,
  fromCommuneRow,
  type CommuneFilesManifest,
  type CommuneRow,
} from '../../lib/search/commune-autocomplete.ts';
import { matchCommunes, typedCommune, type TypedCommune } from '../../lib/territories/commune-matching.ts';
import type { Commune } from '../../lib/territories/territory-data.ts';
import { fetchJson } from './site-feeds.ts';

const communeManifest = (): Promise<CommuneFilesManifest> => fetchJson<CommuneFilesManifest>('/communes/index.json');

/** Communes suggested for what is typed (at most 10), from one small file. */
export async function suggestCommunes(query: string): Promise<Commune[]> {
  const file = communeFileForQuery(query, await communeManifest());
  if (!file) return [];
  const rows = await fetchJson<CommuneRow[]>(communeFilePath(file));
  const found = matchCommunes(query, rows.map(fromCommuneRow));
  for (const commune of found) seen.set(commune.code, commune);
  return found;
}

/** Communes already shown as suggestions, by INSEE code: choosing one needs no other file. */
const seen = new Map<string, Commune>();

/** A commune by INSEE code. */
export async function communeByCode(code: string): Promise<Commune | undefined> {
  const known = seen.get(code.toUpperCase());
  if (known) return known;
  const file = communeFileForQuery(code, await communeManifest());
  if (!file) return undefined;
  const rows = await fetchJson<CommuneRow[]>(communeFilePath(file));
  const row = rows.find((r) => r[0] === code.toUpperCase());
  return row ? fromCommuneRow(row) : undefined;
}

/**
 * The commune a URL or a field names: by its INSEE code when picked, else what the text typed names
 * (several communes of that name are offered, never one of them taken silently).
 */
export async function resolveCommune(lieu: string, inseeCode?: string): Promise<TypedCommune> {
  if (inseeCode) {
    const commune = await communeByCode(inseeCode);
    if (commune) return { commune };
  }
  return typedCommune(lieu, await suggestCommunes(lieu.replace(/\s*\([^()]*\)\s*$/, '')));
}
