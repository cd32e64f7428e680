/**
 * Commune and postal-code suggestions in the browser, from small prerendered files instead of the
 * whole commune list: the same answers as findCommunes (src/lib/territories), which the tests check.
 *
 * Name files are keyed by the first letters of a word of the folded name ("lens", "saint etienne",
 * "etienne"); a key with too many communes is split into longer keys, and keeps a small file with
 * the best answers for a query equal to the key. Code files are keyed by the first two characters
 * of a postal or INSEE code.
 */
import type { Commune } from '../territories/territory-data.ts';
import { foldCommuneQuery } from '../territories/text-normalize.ts';

/** Suggestions shown at most. */
export const COMMUNE_SUGGESTION_LIMIT = 10;

/** A commune as the files hold it (the row format of the territory data). */
export type CommuneRow = [code: string, name: string, departementCode: string, postalCodes: string, lat: number, lng: number, population: number, parentCode: string];

/** /communes/index.json: which files exist. */
export interface CommuneFilesManifest {
  /** Name keys split into longer keys (their file holds the best answers for exactly that key). */
  split: string[];
  /** Name keys with a complete file. */
  leaves: string[];
  /** Code keys (two characters). */
  codes: string[];
}

const POSTAL_OR_INSEE = /^\d[\dAB]\d{3}$/i;

export function toCommuneRow(c: Commune): CommuneRow {
  return [c.code, c.name, c.departementCode, c.postalCodes.join(' '), c.lat, c.lng, c.population, c.parentCode ?? ''];
}

export function fromCommuneRow([code, name, departementCode, postalCodes, lat, lng, population, parentCode]: CommuneRow): Commune {
  return { code, name, departementCode, postalCodes: postalCodes ? postalCodes.split(' ') : [], lat, lng, population, ...(parentCode ? { parentCode } : {}) };
}

/** File name of a key: "n-saint_e" for the name key "saint e", "c-62" for a code key. */
export function communeFileName(key: string, kind: 'name' | 'code'): string {
  return `${kind === 'name' ? 'n' : 'c'}-${key.replace(/ /g, '_')}`;
}

/** Path of a commune file. */
export function communeFilePath(fileName: string): string {
  return `/communes/${fileName}.json`;
}

/** Folded name of a commune (memoized: the same commune is folded many times while building). */
const foldedNames = new WeakMap<Commune, string>();
function foldedName(commune: Commune): string {
  let folded = foldedNames.get(commune);
  if (folded === undefined) {
    folded = foldCommuneQuery(commune.name);
    foldedNames.set(commune, folded);
  }
  return folded;
}

/** The folded name from each word on: "saint etienne", "etienne". */
function wordStarts(folded: string): string[] {
  const starts = [folded];
  for (let i = 1; i < folded.length; i++) if (folded[i - 1] === ' ') starts.push(folded.slice(i));
  return starts;
}

const byPopulation = (a: Commune, b: Commune): number => b.population - a.population || a.code.localeCompare(b.code);

/** 0: same name, 1: name starts with the query, 2: a word of the name starts with it, -1: no match. */
function rankName(folded: string, query: string): number {
  if (folded === query) return 0;
  if (folded.startsWith(query)) return 1;
  if (folded.includes(` ${query}`)) return 2;
  return -1;
}

/**
 * Communes matching a query among candidates, best first, exactly as findCommunes ranks them:
 * a 5-character code is a postal code (arrondissements before their city) or an INSEE code.
 */
export function matchCommunes(query: string, candidates: readonly Commune[], limit = COMMUNE_SUGGESTION_LIMIT): Commune[] {
  const trimmed = query.trim();
  if (POSTAL_OR_INSEE.test(trimmed)) {
    const byPostal = candidates.filter((c) => c.postalCodes.includes(trimmed));
    const arrondissements = byPostal.filter((c) => c.parentCode);
    const postal = arrondissements.length ? arrondissements : byPostal;
    const insee = candidates.filter((c) => c.code === trimmed.toUpperCase());
    return [...(postal.length ? postal : insee)].sort(byPopulation).slice(0, limit);
  }
  const folded = foldCommuneQuery(trimmed);
  if (!folded) return [];
  const seen = new Set<string>();
  const scored: { commune: Commune; rank: number }[] = [];
  for (const commune of candidates) {
    if (seen.has(commune.code)) continue;
    seen.add(commune.code);
    const rank = rankName(foldedName(commune), folded);
    if (rank >= 0) scored.push({ commune, rank });
  }
  scored.sort((a, b) => a.rank - b.rank || byPopulation(a.commune, b.commune));
  return scored.slice(0, limit).map((s) => s.commune);
}

/** The file to read for a query, or undefined when no commune can match. */
export function communeFileForQuery(query: string, manifest: CommuneFilesManifest): string | undefined {
  const trimmed = query.trim();
  if (POSTAL_OR_INSEE.test(trimmed)) {
    const key = trimmed.slice(0, 2).toLowerCase();
    return manifest.codes.includes(key) ? communeFileName(key, 'code') : undefined;
  }
  const folded = foldCommuneQuery(trimmed);
  if (!folded) return undefined;
  const split = new Set(manifest.split);
  let key = folded.slice(0, 1);
  while (split.has(key) && folded.length > key.length) key = folded.slice(0, key.length + 1);
  if (split.has(key) || manifest.leaves.includes(key)) return communeFileName(key, 'name');
  return undefined;
}

/** Every commune file and the manifest, built once with the site. */
export function buildCommuneFiles(communes: readonly Commune[], maxPerFile = 400): { manifest: CommuneFilesManifest; files: Map<string, CommuneRow[]> } {
  const files = new Map<string, CommuneRow[]>();
  const manifest: CommuneFilesManifest = { split: [], leaves: [], codes: [] };

  const codeGroups = new Map<string, Set<Commune>>();
  for (const commune of communes) {
    for (const code of [commune.code, ...commune.postalCodes]) {
      const key = code.slice(0, 2).toLowerCase();
      const group = codeGroups.get(key) ?? new Set();
      group.add(commune);
      codeGroups.set(key, group);
    }
  }
  for (const [key, group] of [...codeGroups].sort(([a], [b]) => a.localeCompare(b))) {
    manifest.codes.push(key);
    files.set(communeFileName(key, 'code'), [...group].map(toCommuneRow));
  }

  type Entry = { commune: Commune; start: string };
  const entries: Entry[] = communes.flatMap((commune) => wordStarts(foldedName(commune)).map((start) => ({ commune, start })));
  const grow = (key: string, group: Entry[]): void => {
    const distinct = [...new Set(group.map((e) => e.commune))];
    if (distinct.length <= maxPerFile || key.length >= 24) {
      manifest.leaves.push(key);
      files.set(communeFileName(key, 'name'), distinct.sort(byPopulation).map(toCommuneRow));
      return;
    }
    manifest.split.push(key);
    // The best answers for a query equal to the key: every same name, the top of each other rank.
    const ranked = distinct.map((commune) => ({ commune, rank: rankName(foldedName(commune), key) })).filter((r) => r.rank >= 0);
    const top = [0, 1, 2].flatMap((rank) => {
      const list = ranked.filter((r) => r.rank === rank).map((r) => r.commune).sort(byPopulation);
      return rank === 0 ? list : list.slice(0, COMMUNE_SUGGESTION_LIMIT);
    });
    files.set(communeFileName(key, 'name'), top.map(toCommuneRow));
    const children = new Map<string, Entry[]>();
    for (const entry of group) {
      if (entry.start.length <= key.length) continue;
      const child = entry.start.slice(0, key.length + 1);
      const list = children.get(child) ?? [];
      list.push(entry);
      children.set(child, list);
    }
    for (const [child, list] of [...children].sort(([a], [b]) => a.localeCompare(b))) grow(child, list);
  };
  const roots = new Map<string, Entry[]>();
  for (const entry of entries) {
    const key = entry.start.slice(0, 1);
    const list = roots.get(key) ?? [];
    list.push(entry);
    roots.set(key, list);
  }
  for (const [key, list] of [...roots].sort(([a], [b]) => a.localeCompare(b))) grow(key, list);
  return { manifest, files };
}
