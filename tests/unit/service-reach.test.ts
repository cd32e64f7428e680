import { describe, expect, it } from 'vitest';
import { nothingNearLines } from '../../src/lib/map/map-text.ts';
import { isNear, NEAR_DISTANCE_KM, nearDistanceKm, nothingNearText } from '../../src/lib/services/service-reach.ts';
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

describe('the words where nothing is near', () => {
  it('says the distance, and the place when there is one', () => {
    expect(nothingNearText(60)).toBe('Aucun service connu à moins de 60 km.');
    expect(nothingNearText(30, 'Lens')).toBe('Aucun service connu à moins de 30 km de Lens.');
  });

  it('gives the map one line per kind, with that kind’s own distance and the same words', () => {
    const lines = nothingNearLines(['espace-rencontre', 'mediation-familiale']);
    expect(lines).toEqual([
      `Espaces de rencontre : aucun service connu à moins de ${NEAR_DISTANCE_KM['espace-rencontre']} km.`,
      `Médiation familiale : aucun service connu à moins de ${NEAR_DISTANCE_KM['mediation-familiale']} km.`,
    ]);
    expect(nothingNearLines([])).toEqual([]);
  });
});
