import { describe, expect, it } from 'vitest';
import { meilisearchSynonyms, parseSearchText, searchTerms, typoBudget } from '../../src/lib/search/search-text.ts';

describe('search text', () => {
  it('folds accents, case, apostrophes and drops French stop words', () => {
    expect(searchTerms('Médiation de l’Espace à LENS')).toEqual(['mediation', 'espace', 'lens']);
    expect(searchTerms('le la les de du')).toEqual([]);
  });

  it('turns a synonym phrase into one group with its equivalents, longest phrase first', () => {
    expect(parseSearchText('ER Arras')).toEqual([{ alternatives: [['er'], ['espace', 'rencontre'], ['point', 'rencontre'], ['lieu', 'rencontre']] }, { alternatives: [['arras']] }]);
    const visits = parseSearchText('Visite médiatisée');
    expect(visits).toHaveLength(1);
    expect(visits[0]?.alternatives[0]).toEqual(['visite', 'mediatisee']);
    expect(visits[0]?.alternatives).toContainEqual(['visites', 'presence', 'tiers']);
    expect(parseSearchText('juge aux affaires familiales')[0]?.alternatives).toEqual([['juge', 'affaires', 'familiales'], ['jaf']]);
  });

  it('allows typos the way Meilisearch does', () => {
    expect([typoBudget('jaf'), typoBudget('laep'), typoBudget('lieux'), typoBudget('mediation'), typoBudget('rencontre')]).toEqual([0, 0, 1, 2, 2]);
    expect(typoBudget('mediaton')).toBe(1);
  });

  it('gives Meilisearch every phrase of a group as synonyms of the others', () => {
    const synonyms = meilisearchSynonyms();
    expect(synonyms.jaf).toEqual(['juge affaires familiales']);
    expect(synonyms['juge affaires familiales']).toEqual(['jaf']);
    expect(synonyms.er).toContain('espace rencontre');
  });
});
