import { describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { buildCommuneFiles, communeFileForQuery, fromCommuneRow, toCommuneRow } from '../../src/lib/search/commune-autocomplete.ts';
import { matchCommunes, typedCommune } from '../../src/lib/territories/commune-matching.ts';
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
    const queries = [
      'Lens',
      'lens',
      'st etienne',
      'Saint-Étienne',
      'ST ÉTIENNE',
      'saint',
      's',
      'sa',
      'sai',
      'sain',
      'etienne',
      'Paris 15',
      'paris 15e',
      'lyon 3eme',
      'Marseille',
      'Y',
      'eu',
      'l’ab',
      "l'Abergement",
      'sur mer',
      'ste marie',
      'bourg',
      'Villeneuve',
      'ville',
      'v',
      'mont',
      'la',
      'le',
      'arras',
      'BETHUNE',
      'Boulogne',
      '62300',
      '75015',
      '13001',
      '2A004',
      '97411',
      '59000',
      'zzz',
      '99999',
      '',
      // The first digits of a postal code, while it is being typed.
      '620',
      '6230',
      '750',
      '7501',
      '130',
      '971',
      '200',
      '999',
      'lille',
      'lilx',
      'saint etiennx',
    ];
    for (const query of queries) expect(suggest(query), query).toEqual(findCommunes(query).map((c) => c.code));
  });

  it('matches every commune of a sample by its own name, from its file', () => {
    const sample = communes.filter((_, i) => i % 211 === 0);
    for (const commune of sample) expect(suggest(commune.name), commune.name).toEqual(findCommunes(commune.name).map((c) => c.code));
  });

  it('keeps every file and the manifest small (gzip, as served)', () => {
    const gzipKb = (value: unknown): number => gzipSync(JSON.stringify(value)).length / 1024;
    for (const [name, rows] of files) expect(gzipKb(rows), name).toBeLessThan(10);
    expect(gzipKb(manifest)).toBeLessThan(3);
  });

  it('suggests the communes of a postal code from its first digits', () => {
    const arras = suggest('6200');
    expect(arras[0]).toBe('62041');
    expect(
      arras.every((code) =>
        communeIndex()
          .get(code)
          ?.postalCodes.some((postal) => postal.startsWith('6200')),
      ),
    ).toBe(true);
    expect(suggest('750')).toHaveLength(10);
    expect(suggest('750').every((code) => code.startsWith('751'))).toBe(true);
  });

  it('never names a file that does not exist', () => {
    for (const query of ['lilx', 'qz', 'xyzzy', '999', '99999', 'saint etiennx', 'paris 99']) {
      const file = communeFileForQuery(query, manifest);
      if (file) expect(files.has(file), query).toBe(true);
    }
    for (const commune of communes.filter((_, i) => i % 97 === 0)) {
      for (const query of [commune.name, commune.postalCodes[0] ?? commune.code, commune.code]) {
        const file = communeFileForQuery(query, manifest);
        expect(file && files.has(file), query).toBe(true);
      }
    }
  });

  it('reads rows back as the communes they came from', () => {
    const paris15 = communeIndex().get('75115')!;
    expect(fromCommuneRow(toCommuneRow(paris15))).toEqual(paris15);
  });
});

describe('a typed place', () => {
  /** What the browser settles for a text: the code of the commune, or the codes to choose from. */
  function settle(text: string): string | string[] | undefined {
    const file = communeFileForQuery(text.replace(/\s*\([^()]*\)$/, ''), manifest);
    const answer = typedCommune(
      text,
      file ? matchCommunes(text.replace(/\s*\([^()]*\)$/, ''), (files.get(file) ?? []).map(fromCommuneRow)) : [],
    );
    return 'commune' in answer ? answer.commune.code : 'choices' in answer ? answer.choices.map((c) => c.code) : undefined;
  }
  /** Every commune of the territory data that bears a name, as the place to choose from. */
  const bearing = (name: string): string[] => communes.filter((c) => c.name === name).map((c) => c.code);

  it('asks which commune when several bear the name typed, and offers each of them', () => {
    const saintDenis = bearing('Saint-Denis');
    expect(saintDenis.length).toBeGreaterThan(1);
    expect(new Set(settle('Saint-Denis') as string[])).toEqual(new Set(saintDenis.slice(0, 10)));
    expect(settle('st denis')).toEqual(settle('Saint-Denis'));
  });

  it('settles a name borne by one commune, and a name with the postal code of one of its homonyms', () => {
    expect(bearing('Arras')).toHaveLength(1);
    expect(settle('arras')).toBe(bearing('Arras')[0]);
    const reunion = communes.find((c) => c.name === 'Saint-Denis' && c.departementCode === '974');
    expect(reunion).toBeDefined();
    expect(settle(`Saint-Denis (${reunion?.postalCodes[0]})`)).toBe(reunion?.code);
  });

  it('keeps the best match for a text that names no commune exactly, and nothing for a wrong code in brackets', () => {
    expect(settle('Arra')).toBe(findCommunes('Arra')[0]?.code);
    expect(settle('Arras (99999)')).toBeUndefined();
    expect(settle('zzz')).toBeUndefined();
  });
});
