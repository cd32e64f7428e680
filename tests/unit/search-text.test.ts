import { describe, expect, it } from 'vitest';
import { meilisearchSynonyms, parseSearchText, searchTerms, synonymsMentioned, typoBudget } from '../../src/lib/search/search-text.ts';

describe('search text', () => {
  it('folds accents, case, apostrophes and drops French stop words', () => {
    expect(searchTerms('Médiation de l’Espace à LENS')).toEqual(['mediation', 'espace', 'lens']);
    expect(searchTerms('le la les de du')).toEqual([]);
  });

  it('gives each word of a query the single words that mean the same, and only those', () => {
    expect(parseSearchText('Médiateurs Arras')).toEqual([
      { alternatives: [['mediateurs'], ['mediation'], ['mediateur'], ['mediatrice'], ['mediatrices']] },
      { alternatives: [['arras']] },
    ]);
    // Multi-word equivalents are in the documents' keywords, not in the query.
    expect(parseSearchText('ER')).toEqual([{ alternatives: [['er']] }]);
    expect(parseSearchText('juge aux affaires familiales')).toEqual([
      { alternatives: [['juge']] },
      { alternatives: [['affaires']] },
      { alternatives: [['familiales']] },
    ]);
  });

  it('lends a label the phrases people type for what it says, never the other way round', () => {
    expect(synonymsMentioned(['Espace de rencontre'])).toEqual(['er', 'point rencontre', 'lieu rencontre']);
    expect(synonymsMentioned(['Visites en présence d’un tiers'])).toEqual([
      'visite mediatisee',
      'visites mediatisees',
      'visite accompagnee',
      'visites accompagnees',
      'droit visite accompagne',
    ]);
    // The label already says both « juge aux affaires familiales » and « JAF ».
    expect(synonymsMentioned(['Décision du juge aux affaires familiales (JAF)'])).toEqual([]);
    // « CAF » does not bring « caisse allocations familiales », whose words would match « médiation familiale ».
    expect(synonymsMentioned(['Orientation par un service social (ASE, CAF, CCAS…)'])).toEqual([]);
    // Words of the first phrase must follow one another in one label.
    expect(synonymsMentioned(['Rencontre parents-enfants', 'Espace jeux'])).toEqual([]);
  });

  it('allows typos the way Meilisearch does', () => {
    expect([typoBudget('jaf'), typoBudget('laep'), typoBudget('lieux'), typoBudget('mediation'), typoBudget('rencontre')]).toEqual([
      0, 0, 1, 2, 2,
    ]);
    expect(typoBudget('mediaton')).toBe(1);
  });

  it('gives Meilisearch the same single-word synonyms, and no multi-word one', () => {
    const synonyms = meilisearchSynonyms();
    expect(synonyms.mediateur).toEqual(['mediation', 'mediatrice', 'mediateurs', 'mediatrices']);
    expect(synonyms.mediation).toContain('mediateur');
    expect(Object.entries(synonyms).filter(([word, others]) => word.includes(' ') || others.some((other) => other.includes(' ')))).toEqual(
      [],
    );
    expect(synonyms.er).toBeUndefined();
  });
});
