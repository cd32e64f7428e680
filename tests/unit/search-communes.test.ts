import { describe, expect, it } from 'vitest';
import { buildCommuneFiles, communeFileForQuery, fromCommuneRow, matchCommunes, toCommuneRow } from '../../src/lib/search/commune-autocomplete.ts';
import { findCommunes } from '../../src/lib/territories/commune-lookup.ts';
import { communeIndex } from '../../src/lib/territories/territory-data.ts';

const communes = [...communeIndex().values()];
const { manifest, files } = buildCommuneFiles(communes);

/** What the browser does: read one small file, match in it. */
function suggest(query: string): string[] {
  const file = communeFileForQuery(query, manifest);
  return file ? matchCommunes(query, (files.get(file) ?? []).map(fromCommuneRow)).map((c) => c.code) : [];
}

describe('commune autocomplete', () => {
  it('answers from one small file exactly as findCommunes does over every commune', () => {
    const queries = ['Lens', 'lens', 'st etienne', 'Saint-Étienne', 'ST ÉTIENNE', 'saint', 's', 'sa', 'sai', 'sain', 'etienne', 'Paris 15', 'paris 15e', 'lyon 3eme', 'Marseille', 'Y', 'eu',
      'l’ab', "l'Abergement", 'sur mer', 'ste marie', 'bourg', 'Villeneuve', 'ville', 'v', 'mont', 'la', 'le', 'arras', 'BETHUNE', 'Boulogne', '62300', '75015', '13001', '2A004', '97411', '59000', 'zzz', '99999', ''];
    for (const query of queries) expect(suggest(query), query).toEqual(findCommunes(query).map((c) => c.code));
  });

  it('matches every commune of a sample by its own name, from its file', () => {
    const sample = communes.filter((_, i) => i % 211 === 0);
    for (const commune of sample) expect(suggest(commune.name), commune.name).toEqual(findCommunes(commune.name).map((c) => c.code));
  });

  it('keeps every file small', () => {
    for (const [name, rows] of files) expect(JSON.stringify(rows).length, name).toBeLessThan(60_000);
    expect(JSON.stringify(manifest).length).toBeLessThan(20_000);
  });

  it('reads rows back as the communes they came from', () => {
    const paris15 = communeIndex().get('75115')!;
    expect(fromCommuneRow(toCommuneRow(paris15))).toEqual(paris15);
  });
});
