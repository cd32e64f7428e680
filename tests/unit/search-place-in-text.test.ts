import { describe, expect, it } from 'vitest';
import { communeNamedBy, findPlaceInText, placeCandidates } from '../../src/lib/search/search-place-in-text.ts';
import { findCommunes } from '../../src/lib/territories/commune-lookup.ts';

const suggest = (query: string) => Promise.resolve(findCommunes(query));

describe('a place typed among the words', () => {
  it('reads « médiation Lens » as words and a commune', async () => {
    const found = await findPlaceInText('médiation Lens', suggest);
    expect(found?.commune.code).toBe('62498');
    expect(found?.rest).toBe('médiation');
  });

  it('reads a commune first or last, with several words, and a postal code anywhere', async () => {
    expect((await findPlaceInText('Saint-Étienne espace rencontre', suggest))?.commune.code).toBe('42218');
    expect((await findPlaceInText('espace rencontre st etienne', suggest))?.rest).toBe('espace rencontre');
    expect((await findPlaceInText('LAEP 62000 le samedi', suggest))?.commune.code).toBe('62041');
    expect((await findPlaceInText('mediation paris 15', suggest))?.commune.code).toBe('75115');
  });

  it('never takes a near name, a domain word or a whole query of domain words for a place', async () => {
    expect(await findPlaceInText('médiation Le', suggest)).toBeUndefined();
    expect(await findPlaceInText('parent', suggest)).toBeUndefined();
    expect(await findPlaceInText('espace rencontre', suggest)).toBeUndefined();
    expect(placeCandidates('la médiation').map((c) => c.place)).not.toContain('la');
  });

  it('tries the longest place first', () => {
    expect(placeCandidates('mediation saint denis')[0]).toEqual({ place: 'mediation saint denis', rest: '' });
    expect(placeCandidates('mediation saint denis').map((c) => c.place)).toContain('saint denis');
  });

  it('matches a commune by exact folded name or postal code only', () => {
    expect(communeNamedBy('ST DENIS', { name: 'Saint-Denis', postalCodes: ['93200'] })).toBe(true);
    expect(communeNamedBy('93200', { name: 'Saint-Denis', postalCodes: ['93200'] })).toBe(true);
    expect(communeNamedBy('Denis', { name: 'Saint-Denis', postalCodes: ['93200'] })).toBe(false);
  });
});
