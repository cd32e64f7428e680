import { describe, expect, it } from 'vitest';
import { toMeilisearchDocuments } from '../../src/lib/search/meilisearch-engine.ts';
import { buildSearchDocuments } from '../../src/lib/search/search-documents.ts';
import { buildSearchManifest, buildShard } from '../../src/lib/search/search-shards.ts';
import { decodeDocument, encodeDocument } from '../../src/lib/search/search-wire.ts';
import { listDepartements, listRegions } from '../../src/lib/territories/territory-data.ts';
import { SEARCH_FIXTURE_SERVICES, SECRET_ADDRESS, SECRET_POINT } from './search-fixtures.ts';

const documents = buildSearchDocuments(SEARCH_FIXTURE_SERVICES);
const manifest = buildSearchManifest(documents, listDepartements(), listRegions());

describe('search documents', () => {
  it('leave closed services out', () => {
    expect(documents.map((d) => d.id)).not.toContain('ferme-arras');
    expect(documents).toHaveLength(SEARCH_FIXTURE_SERVICES.length - 1);
  });

  it('never carry a confidential address or point, in any form sent anywhere', () => {
    const everything = JSON.stringify([
      documents,
      documents.flatMap(toMeilisearchDocuments),
      Object.keys(manifest.departements).map((code) => buildShard(documents, code)),
    ]);
    expect(everything).not.toContain(SECRET_ADDRESS);
    expect(everything).not.toContain(String(SECRET_POINT.latitude));
    expect(everything).not.toContain(String(SECRET_POINT.longitude));
    const lille = documents.find((d) => d.id === 'vt-lille');
    expect(lille?.locations).toEqual([
      { lat: 50.6318, lng: 3.0471, communeCode: '59350', communeName: 'Lille', departementCode: '59', approximate: true },
    ]);
  });

  it('hold no street address at all, even a public one', () => {
    expect(JSON.stringify(documents)).not.toContain('place des Héros');
  });

  it('know where a service is and what it serves', () => {
    const paris = documents.find((d) => d.id === 'mf-paris');
    expect(paris).toMatchObject({
      departements: ['75', '92'],
      regions: ['11'],
      areaCommunes: ['75056', '75115', '92012'],
      areaDepartements: [],
      path: '/annuaire/mf-paris/',
    });
    expect(paris?.places).toContain('Boulogne-Billancourt');
    expect(paris?.keywords).toContain('Soutien à la parentalité');
  });

  it('carry in their keywords the short forms and other wordings of what they are', () => {
    const keywords = (id: string): string[] => documents.find((d) => d.id === id)?.keywords.split(' · ') ?? [];
    expect(keywords('er-arras')).toEqual(
      expect.arrayContaining([
        'Espace de rencontre',
        'er',
        'point rencontre',
        'lieu rencontre',
        'Décision du juge aux affaires familiales (JAF)',
      ]),
    );
    expect(keywords('vt-lille')).toEqual(
      expect.arrayContaining(['Visites en présence d’un tiers', 'visite mediatisee', 'visites mediatisees', 'visite accompagnee']),
    );
    expect(keywords('laep-douai')).toContain('Lieu d’accueil enfants-parents (LAEP)');
    // Only what a service is: a family mediation service answers to no espace de rencontre form.
    expect(keywords('mf-lens')).not.toContain('er');
    expect(keywords('mf-lens')).not.toContain('visite mediatisee');
  });

  it('survive the compact form of the index files unchanged', () => {
    for (const document of documents) expect(decodeDocument(encodeDocument(document), manifest.departements)).toEqual(document);
  });

  it('go into the file of every département they serve, and only there', () => {
    expect(
      buildShard(documents, '62')
        .map((w) => w[0])
        .sort(),
    ).toEqual(['er-arras', 'mf-bethune', 'mf-lens']);
    expect(buildShard(documents, '92').map((w) => w[0])).toEqual(['mf-paris']);
    expect(manifest.departements['75']?.count).toBe(1);
    expect(manifest.total).toBe(documents.length);
  });

  it('give Meilisearch one document per location, grouped by service', () => {
    const rows = toMeilisearchDocuments(documents.find((d) => d.id === 'mf-paris')!);
    expect(rows.map((r) => [r.uid, r.serviceId, r.locationIndex, r._geo])).toEqual([
      ['mf-paris_0', 'mf-paris', 0, { lat: 48.8421, lng: 2.2989 }],
      ['mf-paris_1', 'mf-paris', 1, { lat: 48.8352, lng: 2.2405 }],
    ]);
  });
});
