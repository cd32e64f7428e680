import { describe, expect, it } from 'vitest';
import { isNear, NEAR_DISTANCE_KM, nearDistanceKm } from '../../src/lib/services/service-reach.ts';
import { SERVICE_KINDS } from '../../src/lib/services/service-vocabulary.ts';

describe('near distance per kind', () => {
  it('has a distance for every kind, shorter for places a child or a toddler visits every week than for a mediation', () => {
    expect(Object.keys(NEAR_DISTANCE_KM).sort()).toEqual([...SERVICE_KINDS].sort());
    expect(NEAR_DISTANCE_KM['espace-rencontre']).toBeLessThan(NEAR_DISTANCE_KM['mediation-familiale']);
    expect(NEAR_DISTANCE_KM['soutien-parentalite']).toBeLessThan(NEAR_DISTANCE_KM['espace-rencontre']);
    // Never hundreds of kilometres: the answer that started it all was 751 km.
    for (const kind of SERVICE_KINDS) expect(NEAR_DISTANCE_KM[kind]).toBeLessThan(200);
  });

  it('counts a service near up to the distance included, not beyond', () => {
    const limit = NEAR_DISTANCE_KM['espace-rencontre'];
    expect(isNear('espace-rencontre', limit)).toBe(true);
    expect(isNear('espace-rencontre', limit + 0.1)).toBe(false);
    expect(isNear('mediation-familiale', limit + 0.1)).toBe(true);
  });

  it('takes the largest distance of the kinds searched, every kind when none is chosen', () => {
    expect(nearDistanceKm(['soutien-parentalite'])).toBe(NEAR_DISTANCE_KM['soutien-parentalite']);
    expect(nearDistanceKm(['soutien-parentalite', 'espace-rencontre'])).toBe(NEAR_DISTANCE_KM['espace-rencontre']);
    expect(nearDistanceKm([])).toBe(Math.max(...Object.values(NEAR_DISTANCE_KM)));
  });
});
