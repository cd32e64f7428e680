import { describe, expect, it } from 'vitest';
import { communesByPostalCode, findCommunes, locateCommune, postalCodeBelongsToCommune } from '../../src/lib/territories/commune-lookup.ts';
import { departementPath, inTerritory } from '../../src/lib/territories/departement-naming.ts';
import { distanceKm } from '../../src/lib/territories/geo-distance.ts';
import { foldText, slugify } from '../../src/lib/territories/text-normalize.ts';
import { communeIndex, getCommune, getDepartement, listDepartements, listRegions } from '../../src/lib/territories/territory-data.ts';

describe('territory data', () => {
  it('knows the 101 départements and 18 régions, with string codes', () => {
    expect(listDepartements()).toHaveLength(101);
    expect(listRegions()).toHaveLength(18);
    expect(getDepartement('2A')?.name).toBe('Corse-du-Sud');
    expect(getDepartement('971')?.name).toBe('Guadeloupe');
    expect(getDepartement('1')).toBeUndefined();
  });

  it('holds every commune and arrondissement with a centroid', () => {
    expect(communeIndex().size).toBe(35_009);
    expect(getCommune('62041')).toMatchObject({ name: 'Arras', departementCode: '62', postalCodes: ['62000'] });
    expect(getCommune('75115')).toMatchObject({ name: 'Paris 15e Arrondissement', parentCode: '75056' });
  });

  it('locates a commune in its département and région', () => {
    const located = locateCommune('86194');
    expect(located?.departement?.name).toBe('Vienne');
    expect(located?.region?.name).toBe('Nouvelle-Aquitaine');
    expect(locateCommune('99999')).toBeUndefined();
  });

  it('knows neighbouring départements', () => {
    expect(getDepartement('62')?.neighbours).toEqual(['59', '80']);
    expect(getDepartement('2A')?.neighbours).toEqual(['2B']);
  });
});

describe('postal codes', () => {
  it('gives the communes of a postal code', () => {
    expect(communesByPostalCode('62000').map((c) => c.name)).toContain('Arras');
    expect(communesByPostalCode('75015').map((c) => c.code)).toEqual(['75115']);
    expect(communesByPostalCode('00000')).toEqual([]);
  });

  it('checks that a postal code belongs to a commune', () => {
    expect(postalCodeBelongsToCommune('62000', '62041')).toBe(true);
    expect(postalCodeBelongsToCommune('86000', '62041')).toBe(false);
  });
});

describe('commune names typed loosely', () => {
  it('ignores accents, case, hyphens and apostrophes', () => {
    expect(foldText('Saint-Étienne')).toBe('saint etienne');
    expect(foldText("L'Haÿ-les-Roses")).toBe('l hay les roses');
    expect(findCommunes('saint etienne')[0]?.code).toBe('42218');
    expect(findCommunes('ST ETIENNE')[0]?.code).toBe('42218');
    expect(findCommunes('St-Étienne')[0]?.code).toBe('42218');
  });

  it('reads arrondissements the way people write them', () => {
    expect(findCommunes('Paris 15e')[0]?.code).toBe('75115');
    expect(findCommunes('Paris 15')[0]?.code).toBe('75115');
    expect(findCommunes('Lyon 3')[0]?.code).toBe('69383');
    expect(findCommunes('Marseille 1er')[0]?.code).toBe('13201');
  });

  it('puts the exact name, then the most populated, first', () => {
    expect(findCommunes('Arras')[0]?.code).toBe('62041');
    expect(findCommunes('saint denis')[0]?.code).toBe('97411');
  });

  it('reads five digits as a postal code or an INSEE code', () => {
    expect(findCommunes('62000').map((c) => c.code)).toContain('62041');
    expect(findCommunes('2A004')[0]?.name).toBe('Ajaccio');
  });
});

describe('geography', () => {
  it('computes great-circle distances', () => {
    const arras = getCommune('62041')!;
    const lens = getCommune('62498')!;
    expect(distanceKm(arras, lens)).toBeGreaterThan(14);
    expect(distanceKm(arras, lens)).toBeLessThan(20);
    expect(distanceKm(arras, arras)).toBe(0);
  });

  it('names territories in French', () => {
    expect(inTerritory(getDepartement('62')!)).toBe('dans le Pas-de-Calais');
    expect(inTerritory(getDepartement('80')!)).toBe('dans la Somme');
    expect(inTerritory(getDepartement('78')!)).toBe('dans les Yvelines');
    expect(inTerritory(getDepartement('01')!)).toBe("dans l'Ain");
    expect(inTerritory(getDepartement('75')!)).toBe('à Paris');
    expect(slugify("Côte-d'Or")).toBe('cote-d-or');
    expect(departementPath(getDepartement('2A')!)).toBe('/departements/2a-corse-du-sud/');
  });
});
