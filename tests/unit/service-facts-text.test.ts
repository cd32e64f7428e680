import { describe, expect, it } from 'vitest';
import { ACCESS_NOT_GIVEN, serviceFactsText } from '../../src/lib/services/service-facts-text.ts';

describe('serviceFactsText', () => {
  it('says each list in words, and the fee with its details', () => {
    expect(
      serviceFactsText({
        publics: ['parents', 'enfants'],
        access: ['decision-jaf', 'demarche-spontanee'],
        fees: { kind: 'payant', details: '10 € la séance' },
        funding: ['caf'],
        parentingSupportFormats: [],
      }),
    ).toMatchObject({
      access: expect.stringContaining(' ; '),
      fees: 'Payant (voir le détail) : 10 € la séance',
      funding: 'CAF',
      parentingSupportFormats: '',
    });
  });

  it('leaves empty lists empty, except the ways in, which it says are not given', () => {
    const text = serviceFactsText({ publics: [], access: [], fees: { kind: 'gratuit' }, funding: [], parentingSupportFormats: [] });
    expect(text).toEqual({ publics: '', access: ACCESS_NOT_GIVEN, fees: 'Gratuit', funding: '', parentingSupportFormats: '' });
  });
});
