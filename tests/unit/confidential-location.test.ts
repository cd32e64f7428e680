import { describe, expect, it } from 'vitest';
import { locationSchema } from '../../src/lib/content/service-schema.ts';
import { resolveLocations } from '../../src/lib/services/service-geography.ts';

const place = {
  postalCode: '62000',
  communeCode: '62041',
  name: 'Appartement des Glycines',
  address: '12 allée des Glycines',
  latitude: 50.31234,
  longitude: 2.71234,
};

describe('a confidential location', () => {
  it('keeps only its commune once parsed, so no built file can hold its address, name or point', () => {
    const parsed = locationSchema.parse({ ...place, confidential: true });
    expect(parsed).toEqual({ postalCode: '62000', communeCode: '62041', confidential: true });
  });

  it('is published at its commune’s centre, marked approximate, even if given unparsed', () => {
    const [resolved] = resolveLocations({ locations: [{ ...place, confidential: true }] });
    expect(resolved?.address).toBeUndefined();
    expect(resolved?.name).toBeUndefined();
    expect(resolved?.approximate).toBe(true);
    expect(resolved?.communeName).toBe('Arras');
    expect([resolved?.lat, resolved?.lng]).not.toEqual([place.latitude, place.longitude]);
  });

  it('leaves a public location untouched', () => {
    expect(locationSchema.parse(place)).toEqual({ ...place, confidential: false });
    expect(resolveLocations({ locations: [{ ...place, confidential: false }] })[0]).toMatchObject({
      name: place.name,
      address: place.address,
      lat: place.latitude,
      approximate: false,
    });
  });
});
