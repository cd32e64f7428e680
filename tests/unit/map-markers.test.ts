import { describe, expect, it } from 'vitest';
import {
  areaSymbolSvg,
  clusterCountLabel,
  clusterDiameter,
  kindSymbolSvg,
  legendEntries,
  markerSvg,
} from '../../src/lib/map/map-markers.ts';
import { addressLine, approximateNote, markerLabel, servicesInAreaMessage } from '../../src/lib/map/map-text.ts';
import { SERVICE_KIND_INFO, SERVICE_KINDS } from '../../src/lib/services/service-vocabulary.ts';

describe('map markers', () => {
  it('gives each kind its own shape and colour, as the vocabulary says', () => {
    const symbols = SERVICE_KINDS.map((kind) => kindSymbolSvg(kind));
    expect(new Set(symbols).size).toBe(SERVICE_KINDS.length);
    const shapes = new Set(symbols.map((svg) => svg.match(/ d="([^"]+)"/)?.[1]));
    expect(shapes.size).toBe(SERVICE_KINDS.length);
    for (const kind of SERVICE_KINDS) expect(kindSymbolSvg(kind)).toContain(`fill="${SERVICE_KIND_INFO[kind].markerColor}"`);
    expect(legendEntries().map((e) => e.kind)).toEqual([...SERVICE_KINDS]);
  });

  it('draws an approximate place as a dashed area, not as a pin', () => {
    expect(markerSvg('espace-rencontre', true)).toBe(areaSymbolSvg('espace-rencontre'));
    expect(areaSymbolSvg('espace-rencontre')).toContain('stroke-dasharray');
    expect(markerSvg('espace-rencontre', false)).not.toContain('stroke-dasharray');
    expect(markerSvg('espace-rencontre', false)).toContain('aria-hidden="true"');
  });

  it('sizes and labels clusters', () => {
    expect(clusterDiameter(2)).toBeLessThan(clusterDiameter(5000));
    expect(clusterDiameter(10_000_000)).toBe(56);
    expect(clusterCountLabel(999)).toBe('999');
    expect(clusterCountLabel(1234)).toBe('1,2 k');
    expect(clusterCountLabel(56_000)).toBe('56 k');
  });
});

describe('map text', () => {
  it('withholds the address of a confidential place and says why', () => {
    expect(addressLine({ postalCode: '62000', commune: 'Arras', confidential: true })).toBe(
      '62000 Arras : adresse confidentielle, communiquée par le service.',
    );
    expect(addressLine({ address: '3 rue des Fleurs', postalCode: '62000', commune: 'Arras', confidential: false })).toBe(
      '3 rue des Fleurs, 62000 Arras',
    );
    // No source gives a postal code (a commune with several): the commune alone.
    expect(addressLine({ address: '64 rue Magendie', commune: 'Bordeaux', confidential: false })).toBe('64 rue Magendie, Bordeaux');
    expect(addressLine({ commune: 'Paris', confidential: false })).toBe('Paris : adresse non communiquée.');
    expect(approximateNote({ approximate: true })).toMatch(/commune/);
    expect(approximateNote({})).toBeUndefined();
  });

  it('announces markers and counts in French', () => {
    expect(markerLabel({ name: 'Maison des Parents', kindLabel: 'Espace de rencontre', commune: 'Arras', approximate: true })).toBe(
      'Maison des Parents, Espace de rencontre, Arras (emplacement approximatif)',
    );
    expect(servicesInAreaMessage(1)).toBe('1 service de la liste dans cette zone.');
    expect(servicesInAreaMessage(3)).toBe('3 services de la liste dans cette zone.');
    expect(servicesInAreaMessage(0)).toMatch(/^Aucun service/);
  });
});
