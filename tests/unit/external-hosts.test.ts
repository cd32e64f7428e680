import { describe, expect, it } from 'vitest';
import { externalHostOf, externalHosts } from '../../src/lib/site/external-hosts.ts';

describe('externalHosts', () => {
  it('names OpenStreetMap’s tile server when no tile URL is set, and no search host', () => {
    expect(externalHosts({})).toEqual({
      mapTiles: {
        host: 'tile.openstreetmap.org',
        subdomains: false,
        operator: { name: 'la fondation OpenStreetMap', privacyPolicyUrl: 'https://osmfoundation.org/wiki/Privacy_Policy' },
      },
    });
  });

  it('names no tile host when the tile URL is empty, as the map then draws none', () => {
    expect(externalHosts({ mapTileUrl: '' })).toEqual({});
  });

  it('reads a tile template with subdomains and a configured Meilisearch server', () => {
    expect(
      externalHosts({ mapTileUrl: 'https://{s}.tuiles.exemple.fr/{z}/{x}/{y}.png', searchUrl: 'https://recherche.exemple.fr:7700/' }),
    ).toEqual({
      mapTiles: { host: 'tuiles.exemple.fr', subdomains: true },
      search: { host: 'recherche.exemple.fr:7700', subdomains: false },
    });
  });

  it('ignores what is not an absolute http(s) URL', () => {
    expect(externalHostOf('/tuiles/{z}/{x}/{y}.png')).toBeUndefined();
    expect(externalHostOf('javascript:alert(1)')).toBeUndefined();
  });
});
