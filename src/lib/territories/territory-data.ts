/**
 * The French territory model: communes (with arrondissements), départements and régions, read from
 * the compiled files in ./data (see ./data/SOURCES.md). Indexes are built once, on first use.
 */
import communeRows from './data/communes.json' with { type: 'json' };
import departementRows from './data/departements.json' with { type: 'json' };
import regionRows from './data/regions.json' with { type: 'json' };
import { foldedNameOf } from './commune-matching.ts';
import { fromCommuneRow, type CommuneRow } from './commune-row.ts';
import { slugify } from './text-normalize.ts';
import type { Commune, Departement, Region } from './territory-types.ts';

export type { Commune, Departement, Region } from './territory-types.ts';

let communesByCode: Map<string, Commune> | undefined;

/** Every commune and arrondissement municipal, indexed by INSEE code. */
export function communeIndex(): Map<string, Commune> {
  communesByCode ??= new Map((communeRows as CommuneRow[]).map((row) => [row[0], fromCommuneRow(row)]));
  return communesByCode;
}

interface DepartementRow extends Omit<Departement, 'slug' | 'regionCode' | 'bbox'> {
  region: string;
  bbox: number[];
}
const departements: Departement[] = (departementRows as DepartementRow[]).map(({ region, bbox, ...rest }) => ({
  ...rest,
  regionCode: region,
  bbox: bbox as Departement['bbox'],
  slug: slugify(rest.name),
}));
const regions: Region[] = (regionRows as Omit<Region, 'slug'>[]).map((row) => ({ ...row, slug: slugify(row.name) }));
const departementsByCode = new Map(departements.map((d) => [d.code, d]));
const regionsByCode = new Map(regions.map((r) => [r.code, r]));

/** The 101 départements, in INSEE order. */
export function listDepartements(): readonly Departement[] {
  return departements;
}

/** The 18 régions, in INSEE order. */
export function listRegions(): readonly Region[] {
  return regions;
}

export function getDepartement(code: string): Departement | undefined {
  return departementsByCode.get(code);
}

export function getRegion(code: string): Region | undefined {
  return regionsByCode.get(code);
}

export function getCommune(code: string): Commune | undefined {
  return communeIndex().get(code);
}

/** Folded name of a commune, for lookups by name (memoized). */
export const foldedCommuneName = foldedNameOf;
