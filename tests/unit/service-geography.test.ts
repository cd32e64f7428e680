import { describe, expect, it } from 'vitest';
import { serviceSchema, type Service } from '../../src/lib/content/service-schema.ts';
import { nearestLocation, resolveLocations, servesCommune, servesDepartement } from '../../src/lib/services/service-geography.ts';
import { getCommune } from '../../src/lib/territories/territory-data.ts';

function service(locations: unknown[], servedArea: unknown = {}): Service {
  return {
    ...serviceSchema.parse({
      name: 'Service de test',
      kinds: ['espace-rencontre'],
      status: 'actif',
      summary: 'Un service de test pour les fonctions de géographie.',
      locations,
      servedArea,
      sources: [{ url: 'https://exemple.test/' }],
      lastChecked: '2026-11-01',
    }),
    id: 'test',
  };
}

describe('service geography', () => {
  it('never exposes a confidential place as a point or an address', () => {
    const [location] = resolveLocations(
      service([
        { postalCode: '62000', communeCode: '62041', address: '1 rue Secrète', latitude: 50.3, longitude: 2.78, confidential: true },
      ]),
    );
    const arras = getCommune('62041')!;
    expect(location).toMatchObject({ lat: arras.lat, lng: arras.lng, approximate: true, confidential: true });
    expect(location?.address).toBeUndefined();
  });

  it('uses the commune centroid, marked approximate, when coordinates are missing', () => {
    const [location] = resolveLocations(service([{ postalCode: '86000', communeCode: '86194' }]));
    expect(location).toMatchObject({ approximate: true, communeName: 'Poitiers', departementCode: '86', regionCode: '75' });
  });

  it('serves a commune by location, declared commune or declared département', () => {
    const lens = getCommune('62498')!;
    const paris15 = getCommune('75115')!;
    expect(servesCommune(service([{ postalCode: '62000', communeCode: '62041' }]), lens)).toBe(false);
    expect(servesCommune(service([{ postalCode: '62000', communeCode: '62041' }], { departements: ['62'] }), lens)).toBe(true);
    expect(servesCommune(service([{ postalCode: '62000', communeCode: '62041' }], { communes: ['75056'] }), paris15)).toBe(true);
    expect(servesDepartement(service([{ postalCode: '62000', communeCode: '62041' }]), '62')).toBe(true);
    expect(servesDepartement(service([{ postalCode: '62000', communeCode: '62041' }]), '59')).toBe(false);
  });

  it('finds the nearest location', () => {
    const s = service([
      { postalCode: '86000', communeCode: '86194' },
      { postalCode: '62000', communeCode: '62041' },
    ]);
    const nearest = nearestLocation(s, getCommune('62498')!);
    expect(nearest?.location.communeName).toBe('Arras');
    expect(nearest?.distanceKm).toBeLessThan(20);
  });
});
