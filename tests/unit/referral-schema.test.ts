import { describe, expect, it } from 'vitest';
import { resolveCommuneText } from '../../src/lib/referral/referral-commune.ts';
import {
  FORM_EXPIRED_MESSAGE,
  FORM_FIELDS,
  FORM_MAX_AGE_MS,
  formGuardErrors,
  parseChildrenAges,
  requestInputFromForm,
} from '../../src/lib/referral/referral-form.ts';
import { validateReferral } from '../../src/lib/referral/referral-schema.ts';
import { accessModeOf, REFERRAL_LIMITS } from '../../src/lib/referral/referral-vocabulary.ts';
import { filledReferralForm, validReferralRequest } from '../support/referral-fixtures.ts';

const now = () => Date.parse('2026-11-25T10:00:00Z');
const valid = () => validReferralRequest({ communeCode: '62041', message: 'Bonjour,\nnous cherchons un lieu pour les visites.' });
const errorsOf = (input: unknown) => {
  const result = validateReferral(input, now);
  return result.ok ? {} : result.errors;
};

describe('referral schema', () => {
  it('accepts a complete request and fills defaults', () => {
    const result = validateReferral({ ...valid(), childrenAges: undefined, message: undefined }, now);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.request.childrenAges).toEqual([]);
    expect(result.request.message).toBe('');
    expect(result.request.requester.noEmail).toBe(false);
  });

  it.each([
    ['violence', { violence: 'peut-être' }, 'violence', /violences/],
    ['kind', { kind: 'garde' }, 'kind', /type d’aide/],
    ['communeCode', { communeCode: 'Arras' }, 'communeCode', /INSEE/],
    ['role', { requester: { ...valid().requester, role: 'voisin' } }, 'requester.role', /qui fait la demande/],
    ['name missing', { requester: { ...valid().requester, name: '  ' } }, 'requester.name', /nom ou votre prénom/],
    ['name too long', { requester: { ...valid().requester, name: 'x'.repeat(101) } }, 'requester.name', /100 caractères/],
    ['name with markup', { requester: { ...valid().requester, name: '<script>alert(1)</script>' } }, 'requester.name', /< et >/],
    ['email', { requester: { ...valid().requester, email: 'camille@' } }, 'requester.email', /pas valide/],
    ['phone', { requester: { ...valid().requester, phone: '12' } }, 'requester.phone', /téléphone n’est pas valide/],
    ['no contact', { requester: { role: 'parent', name: 'Camille' } }, 'requester.email', /au moins un moyen/],
    [
      'no email without phone',
      { requester: { role: 'parent', name: 'Camille', email: 'c@exemple.test', noEmail: true } },
      'requester.phone',
      /par e-mail : indiquez un numéro/,
    ],
    ['decision type', { courtDecision: { type: 'cour-d-appel' } }, 'courtDecision.type', /décision de justice/],
    ['decision in the future', { courtDecision: { type: 'jaf', date: '2027-01-01' } }, 'courtDecision.date', /passée/],
    ['decision date not a date', { courtDecision: { type: 'jaf', date: '2026-02-30' } }, 'courtDecision.date', /vraie date/],
    ['child age', { childrenAges: [3, 40] }, 'childrenAges', /de 0 à 21/],
    ['too many children', { childrenAges: Array(13).fill(1) }, 'childrenAges', /12 enfants/],
    ['message too long', { message: 'a'.repeat(REFERRAL_LIMITS.messageMax + 1) }, 'message', /trop long/],
    ['consent', { consent: false }, 'consent', /Cochez la case/],
    ['submission id', { submissionId: '1234' }, 'submissionId', /rechargez/],
    ['service id', { serviceId: '../etc' }, 'serviceId', /inconnu/],
  ])('refuses a bad %s with a French message on its field', (_label, change, field, message) => {
    const errors = errorsOf({ ...valid(), ...change });
    expect(Object.keys(errors)).toEqual([field]);
    expect(errors[field]).toMatch(message);
  });

  it('refuses CR/LF and control characters in one-line fields, but keeps line breaks in the message', () => {
    expect(
      errorsOf({ ...valid(), requester: { ...valid().requester, name: 'Camille\r\nBcc: autre@exemple.test' } })['requester.name'],
    ).toMatch(/une seule ligne/);
    expect(
      errorsOf({ ...valid(), requester: { ...valid().requester, email: 'a@exemple.test\nBcc: b@exemple.test' } })['requester.email'],
    ).toBeDefined();
    expect(errorsOf({ ...valid(), message: 'ligne 1\r\nligne 2\n' })).toEqual({});
    expect(errorsOf({ ...valid(), message: 'nul\u0000' }).message).toMatch(/invisibles/);
  });

  it.each([
    ['a right-to-left override', 'Camille \u202eellimaC'],
    ['a left-to-right isolate', 'Camille \u2066x\u2069'],
    ['a zero-width space', 'Cam\u200bille'],
    ['a zero-width joiner', 'Cam\u200dille'],
    ['a byte order mark', 'Cam\ufeffille'],
    ['a C1 control character', 'Camille\u0085'],
    ['a lone surrogate', 'Camille \ud83d'],
  ])('refuses %s in the name, in French', (_label, name) => {
    expect(errorsOf({ ...valid(), requester: { ...valid().requester, name } })).toEqual({
      'requester.name': expect.stringMatching(/^Votre nom contient des caractères invisibles/),
    });
  });

  it('refuses direction overrides, C1 controls and lone surrogates in the message, and keeps emoji, accents and right-to-left words', () => {
    for (const message of [
      'texte \u202e inversé',
      'isolé \u2067x\u2069',
      'contrôle \u009b',
      'moitié d’emoji \ud83d',
      'autre moitié \ude00 seule',
    ]) {
      expect(errorsOf({ ...valid(), message }).message).toMatch(/caractères invisibles ou de contrôle/);
    }
    expect(errorsOf({ ...valid(), message: 'Famille 👨‍👩‍👧 réunie, mère née à Tanger (طنجة\u200f), Zoë et Chloé.' })).toEqual({});
    expect(errorsOf({ ...valid(), requester: { ...valid().requester, name: 'Zoë N’Diaye-Łukasz' } })).toEqual({});
  });

  it('answers in French whatever the wrong value of any field', () => {
    const wrongValues: unknown[] = [42, null, true, {}, [], 'x'.repeat(300), -1, 1.5];
    const paths: [string, (value: unknown) => Record<string, unknown>][] = [
      ...[
        'violence',
        'kind',
        'communeCode',
        'requester',
        'courtDecision',
        'childrenAges',
        'message',
        'consent',
        'serviceId',
        'submissionId',
      ].map((key) => [key, (value: unknown) => ({ ...valid(), [key]: value })] as [string, (value: unknown) => Record<string, unknown>]),
      ...['role', 'name', 'email', 'phone', 'noEmail'].map(
        (key) =>
          [`requester.${key}`, (value: unknown) => ({ ...valid(), requester: { ...valid().requester, [key]: value } })] as [
            string,
            (value: unknown) => Record<string, unknown>,
          ],
      ),
      ...['type', 'date'].map(
        (key) =>
          [`courtDecision.${key}`, (value: unknown) => ({ ...valid(), courtDecision: { type: 'jaf', [key]: value } })] as [
            string,
            (value: unknown) => Record<string, unknown>,
          ],
      ),
      ['childrenAges[0]', (value: unknown) => ({ ...valid(), childrenAges: [value] })],
    ];
    let checked = 0;
    for (const [path, withValue] of paths) {
      for (const value of wrongValues) {
        for (const message of Object.values(errorsOf(withValue(value)))) {
          checked++;
          expect(message, `${path} = ${JSON.stringify(value)}`).not.toMatch(/Invalid|expected|received|must|Too (big|small)/);
          expect(message, `${path} = ${JSON.stringify(value)}`).toMatch(/[éèàùç’«]|\b(le|la|les|du|de|des|un|une|ce|votre|est)\b/i);
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('refuses unknown keys and __proto__, at any level', () => {
    expect(errorsOf({ ...valid(), admin: true })._form).toMatch(/« admin »/);
    expect(errorsOf(JSON.parse(`{"__proto__": {"consent": true}, ${JSON.stringify(valid()).slice(1)}`))._form).toMatch(/« __proto__ »/);
    expect(errorsOf({ ...valid(), requester: { ...valid().requester, cc: 'x@exemple.test' } })._form).toMatch(/« cc »/);
  });

  it('derives the way of arriving from the decision, then the requester', () => {
    expect(accessModeOf({ courtDecision: { type: 'juge-des-enfants' }, requester: { role: 'avocat' } })).toBe('decision-juge-des-enfants');
    expect(accessModeOf({ courtDecision: { type: 'aucune' }, requester: { role: 'travailleur-social' } })).toBe(
      'orientation-service-social',
    );
    expect(accessModeOf({ courtDecision: { type: 'aucune' }, requester: { role: 'avocat' } })).toBe('orientation-professionnel');
    expect(accessModeOf({ courtDecision: { type: 'aucune' }, requester: { role: 'grand-parent' } })).toBe('demarche-spontanee');
  });
});

describe('referral form fields', () => {
  it('turns the posted form into the JSON contract, resolving the commune', () => {
    const { input, errors } = requestInputFromForm(filledReferralForm(), resolveCommuneText);
    expect(errors).toEqual({});
    expect(input).toMatchObject({
      communeCode: '62041',
      childrenAges: [3, 7, 12],
      message: 'Bonjour\nMerci',
      consent: true,
      courtDecision: { type: 'aucune' },
    });
    expect(input.requester).toEqual({ role: 'parent', name: 'Camille', phone: '06 12 34 56 78', noEmail: false });
    expect(validateReferral(input, now).ok).toBe(true);
  });

  it('asks to choose when a postal code or a name has several communes, and says when none exists', () => {
    const shared = requestInputFromForm(filledReferralForm({ [FORM_FIELDS.commune]: '62000' }), resolveCommuneText);
    expect(shared.errors.communeCode).toMatch(/Plusieurs communes/);
    expect(shared.communeChoices?.map((c) => c.code)).toEqual(['62041', '62263']);
    expect(
      requestInputFromForm(filledReferralForm({ [FORM_FIELDS.commune]: '62000', [FORM_FIELDS.communeCode]: '62263' }), resolveCommuneText)
        .input.communeCode,
    ).toBe('62263');
    expect(
      requestInputFromForm(filledReferralForm({ [FORM_FIELDS.commune]: 'Communeinexistante' }), resolveCommuneText).errors.communeCode,
    ).toMatch(/introuvable/);
    expect(resolveCommuneText('Lens')).toEqual({ code: '62498' });
    expect(resolveCommuneText('')).toMatchObject({ error: expect.stringMatching(/Indiquez la commune/) });
  });

  it('reads children ages loosely but refuses words', () => {
    expect(parseChildrenAges('3 ans, 7 ans et 12')).toEqual([3, 7, 12]);
    expect(parseChildrenAges('')).toEqual([]);
    expect(parseChildrenAges('trois').every(Number.isNaN)).toBe(true);
  });

  it('refuses unknown fields', () => {
    expect(requestInputFromForm(filledReferralForm({ admin: '1' }), resolveCommuneText).errors._form).toMatch(/« admin »/);
  });

  it('refuses a filled honeypot and a form sent too fast', () => {
    const startedAt = Date.parse('2026-11-25T10:00:00Z');
    expect(formGuardErrors({ [FORM_FIELDS.startedAt]: String(startedAt) }, startedAt + 10_000)).toEqual({});
    expect(
      formGuardErrors({ [FORM_FIELDS.startedAt]: String(startedAt), [FORM_FIELDS.honeypot]: 'http://spam.test' }, startedAt + 10_000)._form,
    ).toMatch(/champ caché/);
    expect(formGuardErrors({ [FORM_FIELDS.startedAt]: String(startedAt) }, startedAt + 500)._form).toMatch(/trop vite/);
    expect(formGuardErrors({}, startedAt)._form).toMatch(/rechargez/);
  });

  it('refuses a start time the server did not write: long past (startedAt=1) or to come', () => {
    const now = Date.parse('2026-11-25T10:00:00Z');
    expect(formGuardErrors({ [FORM_FIELDS.startedAt]: '1' }, now)._form).toBe(FORM_EXPIRED_MESSAGE);
    expect(formGuardErrors({ [FORM_FIELDS.startedAt]: String(now - FORM_MAX_AGE_MS - 1) }, now)._form).toBe(FORM_EXPIRED_MESSAGE);
    expect(formGuardErrors({ [FORM_FIELDS.startedAt]: String(now + 60 * 60 * 1000) }, now)._form).toBe(FORM_EXPIRED_MESSAGE);
    // A form left open overnight still goes.
    expect(formGuardErrors({ [FORM_FIELDS.startedAt]: String(now - 14 * 60 * 60 * 1000) }, now)).toEqual({});
  });
});
