import { describe, expect, it } from 'vitest';
import type { PublicService, ReferralAnswer } from '../../src/lib/referral/referral-answer.ts';
import { FORM_ERROR_KEY, FORM_FIELDS } from '../../src/lib/referral/referral-form.ts';
import { validateReferral } from '../../src/lib/referral/referral-schema.ts';
import {
  CONNECTION_FAILED_BANNER,
  earlyAnswerFields,
  earlyAnswerKey,
  errorsByFormField,
  liveErrors,
  postedFields,
  readReferralAnswer,
  shownErrors,
  submissionOutcome,
} from '../../src/lib/referral/referral-submission.ts';
import { filledReferralForm } from '../support/referral-fixtures.ts';

const service: PublicService = {
  id: 'em-arras',
  name: 'Espace de rencontre d’Arras',
  distanceKm: 2,
  communeName: 'Arras',
  phone: '03 21 00 00 00',
  path: '/annuaire/em-arras/',
};

describe('errors of the referral form', () => {
  it('puts the commune code’s error on the commune field, keeping the first message of a field', () => {
    expect(
      errorsByFormField({ communeCode: 'Commune introuvable', [FORM_FIELDS.commune]: 'Autre', 'requester.email': 'Adresse invalide' }),
    ).toEqual({
      [FORM_FIELDS.commune]: 'Commune introuvable',
      'requester.email': 'Adresse invalide',
    });
  });

  it('finds no error in a form filled in correctly, and the schema’s errors by field otherwise', () => {
    expect(liveErrors(filledReferralForm(), validateReferral)).toEqual({});
    const errors = liveErrors(
      filledReferralForm({ [FORM_FIELDS.commune]: '', [FORM_FIELDS.consent]: '', [FORM_FIELDS.kind]: '' }),
      validateReferral,
    );
    expect(Object.keys(errors).sort()).toEqual([FORM_FIELDS.commune, FORM_FIELDS.consent, FORM_FIELDS.kind].sort());
    expect(errors[FORM_FIELDS.commune]).toMatch(/commune/);
  });

  it('takes a commune chosen among suggestions without resolving its text', () => {
    expect(liveErrors(filledReferralForm({ [FORM_FIELDS.commune]: '', [FORM_FIELDS.communeInsee]: '62041' }), validateReferral)).toEqual(
      {},
    );
  });

  it('shows live errors of touched fields, all of them once sent, and hides a server error once its field is touched and valid', () => {
    const server = { [FORM_FIELDS.email]: 'Adresse refusée', [FORM_ERROR_KEY]: 'Trop vite' };
    const live = { [FORM_FIELDS.name]: 'Indiquez un nom', [FORM_FIELDS.consent]: 'Cochez' };
    expect(shownErrors(server, live, new Set(), false)).toEqual(server);
    expect(shownErrors(server, live, new Set([FORM_FIELDS.name]), false)).toEqual({ ...server, [FORM_FIELDS.name]: 'Indiquez un nom' });
    expect(shownErrors(server, live, new Set(), true)).toEqual({ ...server, ...live });
    expect(shownErrors(server, live, new Set([FORM_FIELDS.email, FORM_ERROR_KEY]), false)).toEqual({ [FORM_ERROR_KEY]: 'Trop vite' });
    expect(shownErrors(server, { [FORM_FIELDS.email]: 'Adresse invalide' }, new Set([FORM_FIELDS.email]), false)).toEqual(server);
  });
});

describe('what the form posts and asks', () => {
  it('sends the commune picked among suggestions as its code, and drops an empty pick', () => {
    const picked = postedFields([
      [FORM_FIELDS.commune, 'Arras (62000)'],
      [FORM_FIELDS.communeInsee, '62041'],
      [FORM_FIELDS.communeCode, '62263'],
    ]);
    expect(picked.get(FORM_FIELDS.communeCode)).toBe('62041');
    expect(picked.has(FORM_FIELDS.communeInsee)).toBe(false);
    const typed = postedFields([
      [FORM_FIELDS.commune, 'Arras'],
      [FORM_FIELDS.communeInsee, ''],
      [FORM_FIELDS.communeCode, '62263'],
    ]);
    expect(typed.toString()).toBe('commune=Arras&communeCode=62263');
  });

  it('asks the early answer once violence, kind and commune are chosen, again when one changes', () => {
    const first = {
      [FORM_FIELDS.violence]: 'non',
      [FORM_FIELDS.kind]: 'mediation-familiale',
      [FORM_FIELDS.commune]: 'Arras',
      [FORM_FIELDS.name]: 'Camille',
    };
    expect(earlyAnswerFields(first)).toBeUndefined();
    const chosen = { ...first, [FORM_FIELDS.communeCode]: '62041' };
    expect(earlyAnswerFields(chosen)).toEqual({ violence: 'non', kind: 'mediation-familiale', communeCode: '62041', commune: 'Arras' });
    expect(earlyAnswerKey({ ...chosen, [FORM_FIELDS.name]: 'Dominique' })).toBe(earlyAnswerKey(chosen));
    expect(earlyAnswerKey({ ...chosen, [FORM_FIELDS.kind]: 'espace-rencontre' })).not.toBe(earlyAnswerKey(chosen));
  });
});

describe('answers of the server', () => {
  const json = (body: unknown, status = 200) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8' } });

  it('reads only answers of ours', async () => {
    expect(await readReferralAnswer(json({ status: 'refusee', error: 'Trop de demandes' }, 429))).toEqual({
      status: 'refusee',
      error: 'Trop de demandes',
    });
    expect(await readReferralAnswer(new Response('Cross-site POST form submissions are forbidden', { status: 403 }))).toBeUndefined();
    expect(await readReferralAnswer(json(['envoyee']))).toBeUndefined();
    expect(await readReferralAnswer(new Response('{', { headers: { 'content-type': 'application/json' } }))).toBeUndefined();
  });

  it('maps each answer to what the form does', () => {
    const sent: ReferralAnswer = { status: 'envoyee', reference: 'AB12', service, acknowledgement: 'envoye', violence: 'non' };
    expect(submissionOutcome(sent, 200)).toEqual({ type: 'result', answer: sent });
    expect(
      submissionOutcome(
        {
          status: 'invalide',
          errors: { communeCode: 'Plusieurs communes' },
          communeChoices: [{ code: '93066', label: 'Saint-Denis (93)' }],
        },
        422,
      ),
    ).toEqual({
      type: 'invalid',
      errors: { [FORM_FIELDS.commune]: 'Plusieurs communes' },
      communeChoices: [{ code: '93066', label: 'Saint-Denis (93)' }],
    });
    expect(submissionOutcome({ status: 'echec-envoi', error: 'Envoi impossible', service }, 503)).toEqual({
      type: 'banner',
      banner: { title: 'Votre demande n’a pas pu être envoyée', text: 'Envoi impossible', phone: '03 21 00 00 00' },
      newSubmission: false,
    });
    const conflict = submissionOutcome({ status: 'deja-envoyee', error: 'Déjà envoyée', reference: 'AB12', service }, 409);
    expect(conflict).toMatchObject({ type: 'banner', banner: { title: 'Cette demande a déjà été envoyée' }, newSubmission: true });
    expect(submissionOutcome({ status: 'refusee', error: 'Trop de demandes' }, 429)).toEqual({
      type: 'banner',
      banner: { title: 'Votre demande n’a pas été acceptée', text: 'Trop de demandes' },
      newSubmission: false,
    });
  });

  it('explains an answer that is not ours by its status', () => {
    const outcome = submissionOutcome(undefined, 413);
    expect(outcome).toMatchObject({ type: 'banner', newSubmission: false });
    if (outcome.type === 'banner') {
      expect(outcome.banner.text).toMatch(/trop volumineuse/);
      expect(outcome.banner.title).toBe(CONNECTION_FAILED_BANNER.title);
    }
  });
});
