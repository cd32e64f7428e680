import { describe, expect, it } from 'vitest';
import { courtDecisionCoverage } from '../../src/lib/services/court-decision-services.ts';
import { nearDistanceKm } from '../../src/lib/services/service-reach.ts';
import { syntheticService } from '../support/referral-fixtures.ts';

const service = syntheticService;

const arras = { postalCode: '62000', communeCode: '62041' };
const lille = { postalCode: '59000', communeCode: '59350' };
const marseille = { postalCode: '13001', communeCode: '13201' };

const services = [
  service('er-arras', { name: 'Espace de rencontre d’Arras', kinds: ['espace-rencontre'], locations: [arras], access: ['decision-jaf'] }),
  service('mf-arras', {
    name: 'Médiation d’Arras',
    kinds: ['mediation-familiale'],
    locations: [arras],
    access: ['decision-jaf', 'demarche-spontanee'],
  }),
  service('vt-lille', { name: 'Visites de Lille', kinds: ['visites-tiers'], locations: [lille], access: ['decision-juge-des-enfants'] }),
  service('vt-marseille', {
    name: 'Visites de Marseille',
    kinds: ['visites-tiers'],
    locations: [marseille],
    access: ['decision-juge-des-enfants'],
  }),
  service('er-arras-ferme', {
    name: 'Ancien espace',
    kinds: ['espace-rencontre'],
    status: 'fermé',
    locations: [arras],
    access: ['decision-juge-des-enfants'],
  }),
];

describe('courtDecisionCoverage', () => {
  it('tells the JAF and the juge des enfants apart: the services of the département for one, the nearest elsewhere for the other', () => {
    const [jaf, juge] = courtDecisionCoverage(services, '62');
    expect(jaf?.mode).toBe('decision-jaf');
    expect(jaf?.services.map((s) => s.id)).toEqual(['er-arras', 'mf-arras']);
    expect(jaf?.nearest).toEqual([]);
    expect(juge?.mode).toBe('decision-juge-des-enfants');
    expect(juge?.services).toEqual([]);
    // Lille is near; Marseille is beyond the near distance of its kinds; a closed service never counts.
    expect(juge?.nearest.map((n) => [n.service.id, n.location.departementCode])).toEqual([['vt-lille', '59']]);
    expect(juge?.nearest[0]?.distanceKm).toBeLessThan(nearDistanceKm(['visites-tiers']));
  });

  it('offers nothing far away: in the Creuse, neither decision has a service near', () => {
    const coverage = courtDecisionCoverage(services, '23');
    expect(coverage.map((c) => [c.mode, c.services.length, c.nearest.length])).toEqual([
      ['decision-jaf', 0, 0],
      ['decision-juge-des-enfants', 0, 0],
    ]);
  });
});
