/**
 * Where to ask when nothing is near: the schema of content/ou-demander.yaml (each number and address
 * with its source and the words of that source), the choice by kind, and the year of an old source.
 * Fictional contacts only: the real file is checked by content:check.
 */
import { describe, expect, it } from 'vitest';
import { oldSourceText, oldSourceYear } from '../../src/lib/content/source-age.ts';
import { whereToAskSchema, type WhereToAskContact } from '../../src/lib/content/where-to-ask-schema.ts';
import { whereToAskFor } from '../../src/lib/services/where-to-ask.ts';

const source = { url: 'https://exemple.test/page', excerpt: 'La phrase de la page qui donne le numéro.' };
const contact = (id: string, overrides: Record<string, unknown>): WhereToAskContact => ({
  ...whereToAskSchema.parse({
    name: `Contact fictif ${id}`,
    summary: 'Un interlocuteur fictif pour les tests unitaires.',
    lastChecked: '2026-11-01',
    ...overrides,
  }),
  id,
});

describe('where-to-ask schema', () => {
  it('accepts a short national number and a French number, each with its source', () => {
    const parsed = whereToAskSchema.safeParse({
      name: 'Caisse fictive',
      summary: 'Une caisse fictive qui connaît les services de son département.',
      kinds: ['espace-rencontre'],
      order: 1,
      phone: { number: '3999', outreMer: '09 70 00 00 00', source },
      lastChecked: '2026-11-01',
    });
    expect(parsed.success).toBe(true);
  });

  it('refuses a number or an address without the page and the words that give it', () => {
    const base = {
      name: 'Caisse fictive',
      summary: 'Une caisse fictive qui connaît les services.',
      kinds: ['espace-rencontre'],
      order: 1,
      lastChecked: '2026-11-01',
    };
    expect(whereToAskSchema.safeParse({ ...base, phone: { number: '3999' } }).success).toBe(false);
    expect(
      whereToAskSchema.safeParse({ ...base, website: { url: 'https://exemple.test/', source: { url: 'https://exemple.test/' } } }).success,
    ).toBe(false);
    expect(whereToAskSchema.safeParse({ ...base, phone: { number: '39 9', source } }).success).toBe(false);
  });
});

describe('whereToAskFor', () => {
  const contacts = [
    contact('federation', { kinds: ['mediation-familiale'], order: 3 }),
    contact('caisse', { kinds: ['mediation-familiale', 'espace-rencontre'], order: 1 }),
    contact('reseau-social', { kinds: ['mediation-sociale'], order: 2 }),
  ];

  it('keeps the contacts for any kind asked, in their order', () => {
    expect(whereToAskFor(contacts, ['mediation-familiale']).map((c) => c.id)).toEqual(['caisse', 'federation']);
    expect(whereToAskFor(contacts, ['espace-rencontre', 'mediation-sociale']).map((c) => c.id)).toEqual(['caisse', 'reseau-social']);
    expect(whereToAskFor(contacts, ['visites-tiers'])).toEqual([]);
  });

  it('keeps every contact when no kind is asked', () => {
    expect(whereToAskFor(contacts, []).map((c) => c.id)).toEqual(['caisse', 'reseau-social', 'federation']);
  });
});

describe('old sources', () => {
  it('gives the year of a source older than two years, with nothing more recent', () => {
    expect(oldSourceYear(['2021-09-20'], '2026-12-05')).toBe(2021);
    expect(oldSourceText(['2020-04-02', '2019-03-13'], '2026-12-05')).toBe('d’après une source de 2020');
  });

  it('says nothing when a recent source exists or a source has no date', () => {
    expect(oldSourceYear(['2021-09-20', '2025-06-01'], '2026-12-05')).toBeUndefined();
    expect(oldSourceYear(['2024-12-06'], '2026-12-05')).toBeUndefined();
    expect(oldSourceYear(['2024-12-04'], '2026-12-05')).toBe(2024);
    expect(oldSourceYear(['2021-09-20', undefined], '2026-12-05')).toBeUndefined();
    expect(oldSourceText([], '2026-12-05')).toBe('');
  });
});
