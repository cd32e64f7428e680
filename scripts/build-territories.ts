/**
 * Compiles the territory sources kept in scripts/data/territories/ (COG 2026 communes, départements,
 * régions, outlines; provenance and licences beside them) into the compact files under
 * src/lib/territories/data/, which the site reads. Run when the sources change:
 *   npm run territories:build [-- <sources dir>] [--out <dir>]
 * From a clone, with no argument, it rewrites the committed files byte for byte.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

interface SourceCommune {
  c: string;
  n: string;
  t: 'COM' | 'ARM';
  d: string;
  r: string;
  z: string;
  pc?: string;
  cp: string[];
  p: number | null;
  lat: number | null;
  lng: number | null;
}
interface SourceDepartement {
  code: string;
  region: string;
  chefLieu: string;
  nom: string;
  typeLiaison: number;
  zone: string;
}
interface SourceRegion {
  code: string;
  chefLieu: string;
  nom: string;
  typeLiaison: number;
  zone: string;
}
interface Feature {
  properties: { code: string };
  bbox: number[];
  geometry: { type: string; coordinates: unknown };
}

const projectRoot = resolve(dirname(new URL(import.meta.url).pathname), '..');
const { values: options, positionals } = parseArgs({ options: { out: { type: 'string' } }, allowPositionals: true });
const sourceDir = resolve(positionals[0] ?? join(projectRoot, 'scripts/data/territories'));
const outDir = resolve(options.out ?? join(projectRoot, 'src/lib/territories/data'));
mkdirSync(outDir, { recursive: true });
const readJson = <T>(name: string): T => JSON.parse(readFileSync(join(sourceDir, name), 'utf8')) as T;

const communes = readJson<SourceCommune[]>('communes.json');
const departements = readJson<SourceDepartement[]>('departements.json').filter((d) => d.zone !== 'com');
const regions = readJson<SourceRegion[]>('regions.json').filter((r) => r.zone !== 'com');
const outlines = readJson<{ features: Feature[] }>('departements.geojson');

// Communes as rows: [code, name, dep, postal codes joined by spaces, lat, lng, population, parent commune]
const communeRows = communes
  .filter((c) => c.lat !== null && c.lng !== null)
  .map((c) => [c.c, c.n, c.d, c.cp.join(' '), c.lat, c.lng, c.p ?? 0, c.pc ?? '']);

// Two départements are neighbours when their simplified outlines share a vertex: the outlines were
// simplified together (mapshaper), so shared borders have identical coordinates.
const vertexOwners = new Map<string, Set<string>>();
const visit = (coords: unknown, code: string): void => {
  if (Array.isArray(coords) && typeof coords[0] === 'number') {
    const key = `${coords[0]},${coords[1]}`;
    const owners = vertexOwners.get(key) ?? new Set<string>();
    owners.add(code);
    vertexOwners.set(key, owners);
  } else if (Array.isArray(coords)) {
    for (const inner of coords) visit(inner, code);
  }
};
for (const f of outlines.features) visit(f.geometry.coordinates, f.properties.code);
const neighbours = new Map<string, Set<string>>();
for (const owners of vertexOwners.values()) {
  for (const a of owners)
    for (const b of owners)
      if (a !== b) {
        const set = neighbours.get(a) ?? new Set<string>();
        set.add(b);
        neighbours.set(a, set);
      }
}
const bboxByCode = new Map(outlines.features.map((f) => [f.properties.code, f.bbox]));

const departementRows = departements.map((d) => ({
  code: d.code,
  name: d.nom,
  region: d.region,
  chefLieu: d.chefLieu,
  typeLiaison: d.typeLiaison,
  zone: d.zone,
  bbox: bboxByCode.get(d.code) ?? null,
  neighbours: [...(neighbours.get(d.code) ?? [])].sort(),
}));
const regionRows = regions.map((r) => ({ code: r.code, name: r.nom, chefLieu: r.chefLieu, typeLiaison: r.typeLiaison, zone: r.zone }));

writeFileSync(join(outDir, 'communes.json'), '[\n' + communeRows.map((r) => JSON.stringify(r)).join(',\n') + '\n]\n');
writeFileSync(join(outDir, 'departements.json'), JSON.stringify(departementRows, null, 1) + '\n');
writeFileSync(join(outDir, 'regions.json'), JSON.stringify(regionRows, null, 1) + '\n');
writeFileSync(join(outDir, 'departements.geojson'), readFileSync(join(sourceDir, 'departements.geojson')));
writeFileSync(join(outDir, 'regions.geojson'), readFileSync(join(sourceDir, 'regions.geojson')));
console.log(`${communeRows.length} communes, ${departementRows.length} départements, ${regionRows.length} régions écrits dans ${outDir}`);
