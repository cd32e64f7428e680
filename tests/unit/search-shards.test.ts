import { describe, expect, it } from 'vitest';
import { buildSearchDocuments } from '../../src/lib/search/search-documents.ts';
import { emptyQuery } from '../../src/lib/search/search-model.ts';
import { buildSearchManifest, buildShard, createShardedEngine, shardsForQuery } from '../../src/lib/search/search-shards.ts';
import { listDepartements, listRegions } from '../../src/lib/territories/territory-data.ts';
import { communePlace, SEARCH_FIXTURE_SERVICES } from './search-fixtures.ts';

const documents = buildSearchDocuments(SEARCH_FIXTURE_SERVICES);
const manifest = buildSearchManifest(documents, listDepartements(), listRegions());

/** Loads a département's file at once, and notes which were asked for. */
const recordingLoader = (fetched: string[]) => (code: string) => {
  fetched.push(code);
  return Promise.resolve(buildShard(documents, code));
};

describe('embedded index files', () => {
  it('load only the départements within the radius of the place, and its own', () => {
    expect(shardsForQuery(emptyQuery({ place: communePlace('62498'), radiusKm: 30 }), manifest)).toEqual(['59', '62', '80']);
    expect(shardsForQuery(emptyQuery({ departements: ['62'] }), manifest)).toEqual(['62']);
    expect(shardsForQuery(emptyQuery({ regions: ['94'] }), manifest)).toEqual(['2A', '2B']);
    expect(shardsForQuery(emptyQuery({ text: 'médiation' }), manifest)).toHaveLength(101);
  });

  it('fetch each file once, and only files with services', async () => {
    const fetched: string[] = [];
    const engine = createShardedEngine(manifest, recordingLoader(fetched));
    await engine.search(emptyQuery({ place: communePlace('62498'), radiusKm: 30 }));
    await engine.search(emptyQuery({ place: communePlace('62041'), radiusKm: 30 }));
    expect(fetched.sort()).toEqual(['59', '62', '80']);
  });

  it('widen the reach for nearest services until the page is sure', async () => {
    const fetched: string[] = [];
    const engine = createShardedEngine(manifest, recordingLoader(fetched));
    const results = await engine.search(emptyQuery({ place: communePlace('62498'), pageSize: 1 }));
    expect(results.hits.map((h) => h.document.id)).toEqual(['mf-lens']);
    expect(fetched).not.toContain('75');
    expect(results.exhaustive).toBe(false);
  });

  it('hand over a sure first page from the nearest files before loading the others', async () => {
    const fetched: string[] = [];
    const engine = createShardedEngine(manifest, recordingLoader(fetched));
    const query = emptyQuery({ place: communePlace('62498'), radiusKm: 30, pageSize: 1 });
    let early: { ids: string[]; fetched: string[]; exhaustive: boolean } | undefined;
    const final = await engine.search(query, {
      onFirstPage: (results) => {
        early = { ids: results.hits.map((h) => h.document.id), fetched: [...fetched], exhaustive: results.exhaustive };
      },
    });
    expect(early).toMatchObject({ ids: ['mf-lens'], exhaustive: false });
    expect(early?.fetched).toContain('62');
    expect(early?.fetched).not.toContain('80');
    expect(final.hits.map((h) => h.document.id)).toEqual(['mf-lens']);
    expect(final.total).toBe(5);
    expect(fetched.sort()).toEqual(['59', '62', '80']);
  });

  it('try a file again after a failed fetch', async () => {
    let fail = true;
    const engine = createShardedEngine(manifest, (code) =>
      fail ? Promise.reject(new Error('réseau')) : Promise.resolve(buildShard(documents, code)),
    );
    await expect(engine.search(emptyQuery({ departements: ['62'] }))).rejects.toThrow('réseau');
    fail = false;
    expect((await engine.search(emptyQuery({ departements: ['62'] }))).total).toBe(3);
  });
});
