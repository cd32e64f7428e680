/**
 * Commune and postal-code suggestions in the browser, from small prerendered files instead of the
 * whole commune list: the same answers as findCommunes (src/lib/territories), which the tests check,
 * since both rank with matchCommunes.
 *
 * Name files are keyed by the first letters of a word of the folded name ("lens", "saint etienne",
 * "etienne"); a key with too many communes is split into longer keys, and keeps a small file with
 * the best answers for a query equal to the key. Code files are keyed by the first three characters
 * of a postal or INSEE code. The manifest only names the split keys and, for each, the next
 * characters that have a file: a query never asks for a file that does not exist.
 */
import {
  byPopulation,
  COMMUNE_SUGGESTION_LIMIT,
  foldedNameOf,
  POSTAL_CODE_START,
  POSTAL_OR_INSEE_CODE,
  rankName,
} from '../territories/commune-matching.ts';
import { fromCommuneRow, toCommuneRow, type CommuneRow } from '../territories/commune-row.ts';
import type { Commune } from '../territories/territory-data.ts';

export { fromCommuneRow, toCommuneRow, type CommuneRow };
import { foldCommuneQuery } from '../territories/text-normalize.ts';

/** /communes/index.json: which files exist. */
export interface CommuneFilesManifest {
  /**
   * Name keys split into longer keys, each with the characters that extend it into a key that has a
   * file ("li" → "abcelm…"); the empty key lists the first letters.
   */
  names: Record<string, string>;
  /** Code files: the first two characters of a code, with the third characters that have a file. */
  codes: Record<string, string>;
}

/** Communes with at most this many rows in a name file; a larger key is split. */
const NAME_FILE_MAX_COMMUNES = 200;
/** Length of the code keys (620 for 62000 to 62999). */
const CODE_KEY_LENGTH = 3;

/** File name of a key: "n-saint_e" for the name key "saint e", "c-620" for a code key. */
export function communeFileName(key: string, kind: 'name' | 'code'): string {
  return `${kind === 'name' ? 'n' : 'c'}-${key.replace(/ /g, '_')}`;
}

/** Path of a commune file. */
export function communeFilePath(fileName: string): string {
  return `/communes/${fileName}.json`;
}

/** The folded name from each word on: "saint etienne", "etienne". */
function wordStarts(folded: string): string[] {
  const starts = [folded];
  for (let i = 1; i < folded.length; i++) if (folded[i - 1] === ' ') starts.push(folded.slice(i));
  return starts;
}

/** The file to read for a query, or undefined when no commune can match. */
export function communeFileForQuery(query: string, manifest: CommuneFilesManifest): string | undefined {
  const trimmed = query.trim();
  if (POSTAL_OR_INSEE_CODE.test(trimmed) || POSTAL_CODE_START.test(trimmed)) {
    const key = trimmed.slice(0, CODE_KEY_LENGTH).toLowerCase();
    return manifest.codes[key.slice(0, 2)]?.includes(key.slice(2)) ? communeFileName(key, 'code') : undefined;
  }
  const folded = foldCommuneQuery(trimmed);
  if (!folded) return undefined;
  let key = '';
  // Walk down the split keys: each step must be listed, or no commune starts that way.
  while (manifest.names[key] !== undefined && folded.length > key.length) {
    const next = folded.slice(0, key.length + 1);
    if (!manifest.names[key]?.includes(next.slice(-1))) return undefined;
    key = next;
  }
  return key ? communeFileName(key, 'name') : undefined;
}

/** Every commune file and the manifest, built once with the site. */
export function buildCommuneFiles(
  communes: readonly Commune[],
  maxPerFile = NAME_FILE_MAX_COMMUNES,
): { manifest: CommuneFilesManifest; files: Map<string, CommuneRow[]> } {
  const files = new Map<string, CommuneRow[]>();
  const manifest: CommuneFilesManifest = { names: {}, codes: {} };

  const codeGroups = new Map<string, Set<Commune>>();
  for (const commune of communes) {
    for (const code of [commune.code, ...commune.postalCodes]) {
      const key = code.slice(0, CODE_KEY_LENGTH).toLowerCase();
      const group = codeGroups.get(key) ?? new Set();
      group.add(commune);
      codeGroups.set(key, group);
    }
  }
  for (const [key, group] of [...codeGroups].sort(([a], [b]) => a.localeCompare(b))) {
    manifest.codes[key.slice(0, 2)] = (manifest.codes[key.slice(0, 2)] ?? '') + key.slice(2);
    files.set(communeFileName(key, 'code'), [...group].sort(byPopulation).map(toCommuneRow));
  }

  type Entry = { commune: Commune; start: string };
  const entries: Entry[] = communes.flatMap((commune) => wordStarts(foldedNameOf(commune)).map((start) => ({ commune, start })));
  const grow = (key: string, group: Entry[]): void => {
    const distinct = [...new Set(group.map((e) => e.commune))];
    if (distinct.length <= maxPerFile || key.length >= 24) {
      files.set(communeFileName(key, 'name'), distinct.sort(byPopulation).map(toCommuneRow));
      return;
    }
    // The best answers for a query equal to the key: every same name, the top of each other rank.
    const ranked = distinct.map((commune) => ({ commune, rank: rankName(foldedNameOf(commune), key) })).filter((r) => r.rank >= 0);
    const top = [0, 1, 2].flatMap((rank) => {
      const list = ranked
        .filter((r) => r.rank === rank)
        .map((r) => r.commune)
        .sort(byPopulation);
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
    const sortedChildren = [...children].sort(([a], [b]) => a.localeCompare(b));
    manifest.names[key] = sortedChildren.map(([child]) => child.slice(-1)).join('');
    for (const [child, list] of sortedChildren) grow(child, list);
  };
  const roots = new Map<string, Entry[]>();
  for (const entry of entries) {
    const key = entry.start.slice(0, 1);
    const list = roots.get(key) ?? [];
    list.push(entry);
    roots.set(key, list);
  }
  const sortedRoots = [...roots].sort(([a], [b]) => a.localeCompare(b));
  manifest.names[''] = sortedRoots.map(([key]) => key).join('');
  for (const [key, list] of sortedRoots) grow(key, list);
  return { manifest, files };
}
