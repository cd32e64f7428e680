import { describe, expect, it } from 'vitest';
import { earlyReferralAnswer, type EarlyReferralQuestion } from '../../src/lib/referral/referral-early-answer.ts';
import { routeReferral } from '../../src/lib/referral/referral-routing.ts';
import { NEAR_DISTANCE_KM } from '../../src/lib/services/service-reach.ts';
import { getCommune, type Commune } from '../../src/lib/territories/territory-data.ts';
import { parsedFixtureServices } from '../support/referral-fixtures.ts';

const services = parsedFixtureServices();
const commune = (code: string): Commune => {
  const found = getCommune(code);
  if (!found) throw new Error(`commune ${code} inconnue`);
  return found;
};
const DAINVILLE = commune('62263'); // 4 km from Arras, 19 km from Lens
const GUERET = commune('23096'); // in the Creuse, hundreds of km from every fixture service
const question = (overrides: Partial<EarlyReferralQuestion> = {}): EarlyReferralQuestion => ({
  kind: 'espace-rencontre',
  commune: DAINVILLE,
  violence: 'non',
  ...overrides,
});

describe('earlyReferralAnswer', () => {
  it('says the form can go on where a service near enough receives requests online, as the routing then finds', () => {
    expect(earlyReferralAnswer(services, question())).toEqual({ status: 'en-ligne' });
    expect(
      routeReferral(services, {
        kind: 'espace-rencontre',
        communeCode: DAINVILLE.code,
        violence: 'non',
        courtDecision: { type: 'jaf' },
        requester: { role: 'parent' },
      }).status,
    ).toBe('routed');
  });

  it('lists the services of the kind within the near distance to call when none receives requests online', () => {
    const answer = earlyReferralAnswer(services, question({ kind: 'soutien-parentalite' }));
    expect(answer.status).toBe('a-contacter-directement');
    if (answer.status !== 'a-contacter-directement') return;
    expect(answer.nearKm).toBe(NEAR_DISTANCE_KM['soutien-parentalite']);
    expect(answer.services.map((s) => s.service.id)).toEqual(['test-parentalite-lens']);
    for (const s of answer.services) expect(s.distanceKm).toBeLessThanOrEqual(answer.nearKm);
  });

  it('proposes no service beyond the near distance, even the nearest one', () => {
    const answer = earlyReferralAnswer(services, question({ commune: GUERET }));
    expect(answer).toEqual({
      status: 'a-contacter-directement',
      excludedForViolence: false,
      nearKm: NEAR_DISTANCE_KM['espace-rencontre'],
      services: [],
    });
    // The answer after sending agrees: the routing offers none of the far ones either.
    const routed = routeReferral(services, {
      kind: 'espace-rencontre',
      communeCode: GUERET.code,
      violence: 'non',
      courtDecision: { type: 'jaf' },
      requester: { role: 'parent' },
    });
    expect(routed.status).toBe('contact-directly');
    expect(routed.status === 'contact-directly' && routed.suggestions).toEqual([]);
  });

  it('never proposes mediation where violence is alleged', () => {
    const answer = earlyReferralAnswer(services, question({ kind: 'mediation-familiale', violence: 'oui' }));
    expect(answer).toMatchObject({ status: 'a-contacter-directement', excludedForViolence: true, services: [] });
    expect(earlyReferralAnswer(services, question({ kind: 'mediation-familiale', violence: 'non' }))).toEqual({ status: 'en-ligne' });
  });
});
