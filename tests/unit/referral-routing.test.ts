import { describe, expect, it } from 'vitest';
import { routeReferral, type RoutingRequest } from '../../src/lib/referral/referral-routing.ts';
import { NEAR_DISTANCE_KM } from '../../src/lib/services/service-reach.ts';
import { KINDS_EXCLUDED_WHEN_VIOLENCE } from '../../src/lib/services/service-vocabulary.ts';
import { parsedFixtureServices, referralFixtureServices } from '../support/referral-fixtures.ts';

const services = parsedFixtureServices();
const request = (overrides: Partial<RoutingRequest> = {}): RoutingRequest => ({
  kind: 'espace-rencontre',
  communeCode: '62263', // Dainville, 4 km from Arras, 19 km from Lens
  violence: 'non',
  courtDecision: { type: 'jaf' },
  requester: { role: 'parent' },
  ...overrides,
});

describe('routeReferral', () => {
  it('routes a commune near Arras to the nearest qualifying service, with its distance', () => {
    const result = routeReferral(services, request());
    expect(result.status).toBe('routed');
    if (result.status !== 'routed') return;
    expect(result.target.service.id).toBe('test-espace-rencontre-arras');
    expect(result.target.distanceKm).toBeCloseTo(4, 0);
    expect(result.accessMode).toBe('decision-jaf');
  });

  it('routes a commune near Lens to the Lens service', () => {
    const result = routeReferral(services, request({ communeCode: '62510' })); // Liévin
    expect(result.status === 'routed' && result.target.service.id).toBe('test-espace-rencontre-lens');
  });

  it('skips a nearer service that does not accept this way of arriving', () => {
    // Without a court decision, the Arras espace de rencontre (JAF or juge des enfants only) does not qualify.
    const result = routeReferral(services, request({ courtDecision: { type: 'aucune' } }));
    expect(result.status === 'routed' && result.target.service.id).toBe('test-espace-rencontre-lens');
  });

  it('never routes a request alleging violence to a mediation service, even when chosen', () => {
    for (const kind of KINDS_EXCLUDED_WHEN_VIOLENCE) {
      const result = routeReferral(
        services,
        request({ kind, violence: 'oui', courtDecision: { type: 'aucune' }, serviceId: 'test-mediation-arras' }),
      );
      expect(result.status).toBe('contact-directly');
      if (result.status !== 'contact-directly') return;
      expect(result.excludedForViolence).toBe(true);
      expect(result.suggestions).toEqual([]);
      expect(result.preferredProblem).toBe(kind === 'mediation-familiale' ? 'violence' : 'autre-type');
    }
    const withoutViolence = routeReferral(services, request({ kind: 'mediation-familiale', courtDecision: { type: 'aucune' } }));
    expect(withoutViolence.status === 'routed' && withoutViolence.target.service.id).toBe('test-mediation-arras');
  });

  it('still routes a request alleging violence to an espace de rencontre', () => {
    const result = routeReferral(services, request({ violence: 'oui' }));
    expect(result.status === 'routed' && result.target.service.id).toBe('test-espace-rencontre-arras');
  });

  it('answers "contact directly" with the nearest services when no service accepts referrals for the kind', () => {
    const result = routeReferral(services, request({ kind: 'soutien-parentalite', courtDecision: { type: 'aucune' } }));
    expect(result.status).toBe('contact-directly');
    if (result.status !== 'contact-directly') return;
    expect(result.excludedForViolence).toBe(false);
    expect(result.suggestions.map((s) => s.service.id)).toEqual(['test-parentalite-lens']);
    expect(result.suggestions[0]?.distanceKm).toBeCloseTo(19, 0);
  });

  it('answers "contact directly" with no service when the only ones are beyond the kind’s near distance', () => {
    // Calais is 87 km from Lens and farther from Arras: too far to route, and too far for a weekly visit.
    const result = routeReferral(services, request({ communeCode: '62193' }));
    expect(result.status).toBe('contact-directly');
    if (result.status !== 'contact-directly') return;
    expect(NEAR_DISTANCE_KM['espace-rencontre']).toBeLessThan(87);
    expect(result.suggestions).toEqual([]);
  });

  it('lists the services too far to route that are within the kind’s near distance, nearest first', () => {
    // A routing distance of 1 km: Liévin (4 km from Lens, 16 from Arras) is routed nowhere but gets both.
    const result = routeReferral(services, request({ communeCode: '62510' }), 1);
    expect(result.status).toBe('contact-directly');
    if (result.status !== 'contact-directly') return;
    expect(result.suggestions.map((s) => s.service.id)).toEqual(['test-espace-rencontre-lens', 'test-espace-rencontre-arras']);
    for (const suggestion of result.suggestions) expect(suggestion.distanceKm).toBeLessThanOrEqual(NEAR_DISTANCE_KM['espace-rencontre']);
  });

  it('never emails a service without an orientation block, even when it is nearest and chosen', () => {
    const result = routeReferral(
      services,
      request({
        kind: 'mediation-familiale',
        communeCode: '62510',
        courtDecision: { type: 'aucune' },
        serviceId: 'test-mediation-lens-sans-orientation',
      }),
    );
    expect(result.status === 'routed' && result.target.service.id).toBe('test-mediation-arras');
    expect(result.status === 'routed' && result.preferredProblem).toBe('pas-en-ligne');
  });

  it('honours the service chosen by the person when it qualifies, even if another is nearer', () => {
    const result = routeReferral(services, request({ serviceId: 'test-espace-rencontre-lens' }));
    expect(result.status === 'routed' && result.target.service.id).toBe('test-espace-rencontre-lens');
    expect(result.status === 'routed' && result.preferredProblem).toBeUndefined();
  });

  it('breaks ties by name then id, whatever the order of the services', () => {
    const fixtures = referralFixtureServices();
    const arras = fixtures.find((f) => f.id === 'test-espace-rencontre-arras');
    if (!arras) throw new Error('fixture manquante');
    const twin = { ...arras, id: 'test-aaa-jumeau', name: 'Espace rencontre fictif d’Arras' };
    const earlier = { ...arras, id: 'test-zzz-autre', name: 'Antenne fictive d’Arras' };
    for (const list of [
      [arras, twin, earlier],
      [earlier, twin, arras],
    ]) {
      const result = routeReferral(parsedFixtureServices(list), request());
      expect(result.status === 'routed' && result.target.service.id).toBe('test-zzz-autre');
    }
    const result = routeReferral(parsedFixtureServices([arras, twin]), request());
    expect(result.status === 'routed' && result.target.service.id).toBe('test-aaa-jumeau');
  });

  it('skips closed services and reports an unknown commune', () => {
    const closed = referralFixtureServices().map((f) => (f.id === 'test-espace-rencontre-arras' ? { ...f, status: 'fermé' as const } : f));
    const result = routeReferral(parsedFixtureServices(closed), request());
    expect(result.status === 'routed' && result.target.service.id).toBe('test-espace-rencontre-lens');
    expect(routeReferral(services, request({ communeCode: '99999' })).status).toBe('unknown-commune');
  });
});
