import { describe, expect, it } from 'vitest';
import { unexpectedAnswerMessage } from '../../src/lib/referral/referral-answer.ts';
import { resolveCommuneText } from '../../src/lib/referral/referral-commune.ts';
import { FORM_FIELDS, messageLengthAnnouncement, requestInputFromForm, type FormFields } from '../../src/lib/referral/referral-form.ts';
import { filledReferralForm } from '../support/referral-fixtures.ts';

const communeOf = (change: FormFields) => {
  const { input, errors } = requestInputFromForm(filledReferralForm(change), resolveCommuneText);
  return input.communeCode ?? errors.communeCode;
};

describe('commune of the form', () => {
  it('keeps a choice among homonyms while the text still names it', () => {
    expect(communeOf({ [FORM_FIELDS.commune]: '62000', [FORM_FIELDS.communeCode]: '62263' })).toBe('62263');
    expect(communeOf({ [FORM_FIELDS.commune]: 'Dainville', [FORM_FIELDS.communeCode]: '62263' })).toBe('62263');
  });

  it('lets a commune typed again win over an earlier choice (no JavaScript: the radio stays checked)', () => {
    expect(communeOf({ [FORM_FIELDS.commune]: 'Lens', [FORM_FIELDS.communeCode]: '62263' })).toBe('62498');
    expect(communeOf({ [FORM_FIELDS.commune]: '62300', [FORM_FIELDS.communeCode]: '62263' })).toMatch(
      /Plusieurs communes ont le code postal 62300/,
    );
    expect(communeOf({ [FORM_FIELDS.commune]: 'Communeinexistante', [FORM_FIELDS.communeCode]: '62263' })).toMatch(/introuvable/);
  });

  it('takes the commune picked among suggestions, shown as « Nom (code postal) »', () => {
    expect(communeOf({ [FORM_FIELDS.commune]: 'Dainville (62000)', [FORM_FIELDS.communeInsee]: '62263' })).toBe('62263');
    expect(
      communeOf({ [FORM_FIELDS.commune]: 'Dainville (62000)', [FORM_FIELDS.communeInsee]: '', [FORM_FIELDS.communeCode]: '62263' }),
    ).toBe('62263');
    expect(requestInputFromForm(filledReferralForm({ [FORM_FIELDS.communeInsee]: '' }), resolveCommuneText).errors).toEqual({});
  });

  it('takes a code alone, and a choice that a partial name offered', () => {
    expect(communeOf({ [FORM_FIELDS.commune]: '', [FORM_FIELDS.communeCode]: '62041' })).toBe('62041');
    const offered = resolveCommuneText('Dainvil');
    const choice = 'choices' in offered ? offered.choices?.[0]?.code : 'code' in offered ? offered.code : undefined;
    expect(choice).toBe('62263');
    expect(communeOf({ [FORM_FIELDS.commune]: 'Dainvil', [FORM_FIELDS.communeCode]: '62263' })).toBe('62263');
  });
});

describe('message counter', () => {
  it('is announced near the limit and at it, not at every keystroke before', () => {
    expect(messageLengthAnnouncement(0, 2000)).toBe('');
    expect(messageLengthAnnouncement(1799, 2000)).toBe('');
    expect(messageLengthAnnouncement(1800, 2000)).toBe('Il vous reste moins de 200 caractères.');
    expect(messageLengthAnnouncement(1999, 2000)).toBe(messageLengthAnnouncement(1850, 2000));
    expect(messageLengthAnnouncement(2000, 2000)).toBe('Vous avez atteint la limite de 2000 caractères.');
  });
});

describe('answers that are not ours', () => {
  it('say in French what happened and that nothing typed is lost, by status', () => {
    expect(unexpectedAnswerMessage(403)).toMatch(/refusé.*erreur 403.*conservé/);
    expect(unexpectedAnswerMessage(413)).toMatch(/trop volumineuse/);
    expect(unexpectedAnswerMessage(429)).toMatch(/patientez/);
    expect(unexpectedAnswerMessage(502)).toMatch(/erreur 502.*conservé/);
    expect(unexpectedAnswerMessage(404)).toMatch(/inattendue \(erreur 404\)/);
  });
});
