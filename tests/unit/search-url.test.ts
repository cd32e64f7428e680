import { describe, expect, it } from 'vitest';
import { parseSearchUrl, queryFromUrlState, searchUrlParams } from '../../src/lib/search/search-url.ts';
import { communePlace } from './search-fixtures.ts';

describe('search URL', () => {
  it('reads what the home page sends and keeps parameters it does not know', () => {
    const state = parseSearchUrl(new URLSearchParams('lieu=Lens&type=mediation-familiale&utm=x'));
    expect(state).toMatchObject({ lieu: 'Lens', types: ['mediation-familiale'], page: 1, other: [['utm', 'x']] });
    expect(searchUrlParams(state).toString()).toBe('lieu=Lens&type=mediation-familiale&utm=x');
  });

  it('goes there and back without losing anything', () => {
    const url =
      'q=m%C3%A9diation&lieu=Lens+%2862300%29&commune=62498&type=espace-rencontre&type=visites-tiers&dep=62&public=parents&acces=decision-jaf&tarif=gratuit&langue=ar&orientation=1&rayon=50&page=2';
    expect(searchUrlParams(parseSearchUrl(new URLSearchParams(url))).toString()).toBe(url);
  });

  it('drops values it cannot use and rounds a position to about a kilometre', () => {
    const state = parseSearchUrl(new URLSearchParams('type=garderie&type=espace-rencontre&rayon=7&page=-3&dep=2a&autour=50.43219,2.83331'));
    expect(state).toMatchObject({ types: ['espace-rencontre'], page: 1, departements: ['2A'], autour: { lat: 50.43, lng: 2.83 } });
    expect(state.rayon).toBeUndefined();
  });

  it('turns the state into a query, with the default radius around a place', () => {
    const state = parseSearchUrl(new URLSearchParams('q=ER&type=espace-rencontre&orientation=1'));
    const query = queryFromUrlState(state, communePlace('62498'));
    expect(query).toMatchObject({ text: 'ER', kinds: ['espace-rencontre'], acceptsReferral: true, radiusKm: 30, page: 1 });
    expect(queryFromUrlState(state, undefined).radiusKm).toBeUndefined();
  });
});
