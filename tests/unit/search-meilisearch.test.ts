import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createMeilisearchEngine,
  meilisearchFilter,
  meilisearchSettings,
  meilisearchSort,
  replaceMeilisearchIndex,
  toMeilisearchDocuments,
} from '../../src/lib/search/meilisearch-engine.ts';
import { buildSearchDocuments } from '../../src/lib/search/search-documents.ts';
import { emptyQuery } from '../../src/lib/search/search-model.ts';
import { communePlace, SEARCH_FIXTURE_SERVICES } from './search-fixtures.ts';

const documents = buildSearchDocuments(SEARCH_FIXTURE_SERVICES);

/**
 * A stand-in for a Meilisearch server behind `fetch`, with what the engine and the indexing use:
 * indexes, tasks (finished at once), and a multi-search that pages like Meilisearch (page and
 * hitsPerPage; page 0 or a page past the end gives no hit) over every document in name order,
 * without filters, ranking or facets. `refuse` makes one route answer an error.
 */
function fakeMeilisearch(
  options: { indexes?: string[]; refuse?: { method: string; path: RegExp; status: number; code: string; message: string } } = {},
) {
  const indexes = new Set(options.indexes ?? []);
  const tasks: { uid: number; status: string; error: { message: string; code: string } | null }[] = [];
  const requests: { method: string; path: string; body: unknown }[] = [];
  const rows = documents.map((document) => toMeilisearchDocuments(document)[0]).sort((a, b) => (a!.sortName < b!.sortName ? -1 : 1));
  const json = (body: unknown, status = 200) =>
    new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  const task = (indexUid: string | null, run: () => string | undefined) => {
    const failure = run();
    const uid = tasks.length;
    tasks.push({ uid, status: failure ? 'failed' : 'succeeded', error: failure ? { message: failure, code: 'fake' } : null });
    return json({ taskUid: uid, indexUid, status: 'enqueued', type: 'fake', enqueuedAt: '2026-01-01T00:00:00Z' }, 202);
  };
  const respond = (input: URL | string, init?: RequestInit): Response => {
    const url = new URL(String(input));
    const method = init?.method ?? 'GET';
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    requests.push({ method, path: url.pathname, body });
    const refuse = options.refuse;
    if (refuse && refuse.method === method && refuse.path.test(url.pathname))
      return json({ message: refuse.message, code: refuse.code, type: 'invalid_request', link: '' }, refuse.status);
    let match: RegExpExecArray | null;
    if (method === 'GET' && (match = /^\/tasks\/(\d+)$/.exec(url.pathname))) return json(tasks[Number(match[1])]);
    if (method === 'GET' && url.pathname === '/indexes')
      return json({ results: [...indexes].map((uid) => ({ uid, primaryKey: 'uid' })), offset: 0, limit: 1000, total: indexes.size });
    if (method === 'POST' && url.pathname === '/indexes') {
      const { uid } = body as { uid: string };
      return task(uid, () => (indexes.has(uid) ? 'index_already_exists' : (indexes.add(uid), undefined)));
    }
    if (method === 'DELETE' && (match = /^\/indexes\/([^/]+)$/.exec(url.pathname))) {
      const uid = match[1] as string;
      return task(uid, () => (indexes.delete(uid) ? undefined : 'index_not_found'));
    }
    if ((match = /^\/indexes\/([^/]+)\/(settings|documents)$/.exec(url.pathname))) {
      const uid = match[1] as string;
      return task(uid, () => (indexes.has(uid) ? undefined : 'index_not_found'));
    }
    if (method === 'POST' && url.pathname === '/swap-indexes') return task(null, () => undefined);
    if (method === 'POST' && url.pathname === '/multi-search') {
      const { queries } = body as { queries: { indexUid: string; page?: number; hitsPerPage?: number }[] };
      return json({
        results: queries.map((query) => {
          const hitsPerPage = query.hitsPerPage ?? 20;
          const page = query.page ?? 1;
          const hits = page === 0 ? [] : rows.slice((page - 1) * hitsPerPage, page * hitsPerPage);
          return {
            indexUid: query.indexUid,
            hits,
            query: '',
            processingTimeMs: 0,
            page,
            hitsPerPage,
            totalHits: rows.length,
            totalPages: Math.ceil(rows.length / hitsPerPage),
            facetDistribution: {},
          };
        }),
      });
    }
    return json(
      { message: `route inconnue du faux serveur : ${method} ${url.pathname}`, code: 'fake', type: 'invalid_request', link: '' },
      404,
    );
  };
  vi.stubGlobal(
    'fetch',
    vi.fn((input: URL | string, init?: RequestInit) => Promise.resolve(respond(input, init))),
  );
  return { indexes, requests };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('Meilisearch translation of the search model', () => {
  it('turns filters into Meilisearch filter expressions, any value within a list', () => {
    const query = emptyQuery({
      kinds: ['espace-rencontre', 'visites-tiers'],
      departements: ['2A'],
      fees: ['gratuit'],
      acceptsReferral: true,
    });
    expect(meilisearchFilter(query)).toEqual([
      'kinds IN ["espace-rencontre", "visites-tiers"]',
      'departements IN ["2A"]',
      'fee IN ["gratuit"]',
      'acceptsReferral = true',
    ]);
    expect(meilisearchFilter(query, 'kinds')).toEqual(['departements IN ["2A"]', 'fee IN ["gratuit"]', 'acceptsReferral = true']);
  });

  it('matches a place by radius or by served area, and sorts by distance', () => {
    const query = emptyQuery({ place: communePlace('75115'), radiusKm: 10 });
    expect(meilisearchFilter(query)).toEqual([
      '(_geoRadius(48.8401, 2.2928, 10000) OR areaCommunes IN ["75115", "75056"] OR areaDepartements = "75")',
    ]);
    expect(meilisearchSort(query)).toEqual(['_geoPoint(48.8401, 2.2928):asc']);
    expect(meilisearchFilter(emptyQuery({ place: communePlace('75115') }))).toEqual([]);
  });

  it('quotes filter values whole, apostrophes, spaces and double quotes included', () => {
    expect(meilisearchFilter(emptyQuery({ languages: ['créole d’Haïti', 'l\'ancien "patois"'] }))).toEqual([
      'languages IN ["créole d’Haïti", "l\'ancien \\"patois\\""]',
    ]);
  });

  it('sorts by name with neither text nor place, by relevance with text', () => {
    expect(meilisearchSort(emptyQuery())).toEqual(['sortName:asc']);
    expect(meilisearchSort(emptyQuery({ text: 'médiation' }))).toBeUndefined();
  });

  it('declares the settings both engines share', () => {
    const settings = meilisearchSettings();
    expect(settings.distinctAttribute).toBe('serviceId');
    expect(settings.rankingRules?.[0]).toBe('sort');
    expect(settings.filterableAttributes).toContain('_geo');
    expect(settings.sortableAttributes).toEqual(['_geo', 'sortName']);
    expect(settings.stopWords).toContain('de');
    expect(settings.synonyms?.mediateurs).toContain('mediation');
    // Multi-word forms are in the documents' keywords: Meilisearch would read them as exact phrases.
    expect(settings.synonyms?.er).toBeUndefined();
    expect(settings.typoTolerance).toMatchObject({ minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } });
  });
});

describe('Meilisearch engine and indexing against a stand-in server', () => {
  const url = 'http://meilisearch.test';

  it('answers a page past the end with the last page, as the embedded engine does', async () => {
    const server = fakeMeilisearch({ indexes: ['services'] });
    const results = await createMeilisearchEngine({ url }).search(emptyQuery({ pageSize: 3, page: 9 }));
    expect(results).toMatchObject({ total: documents.length, pageCount: 3, page: 3 });
    // Seven services by name, three a page: the last page holds the last one.
    expect(results.hits.map((hit) => hit.document.id)).toEqual(['vt-lille']);
    expect(server.requests.filter((r) => r.path === '/multi-search')).toHaveLength(2);
  });

  it('queries the index it is given, each search paged so that Meilisearch counts services exhaustively', async () => {
    const server = fakeMeilisearch({ indexes: ['annuaire'] });
    await createMeilisearchEngine({ url, indexUid: 'annuaire' }).search(
      emptyQuery({ kinds: ['mediation-familiale'], departements: ['62'] }),
    );
    const queries = server.requests.flatMap((r) => (r.body as { queries?: Record<string, unknown>[] }).queries ?? []);
    // The main search and one count per facet with a filter set.
    expect(queries).toHaveLength(3);
    for (const query of queries) {
      expect(query.indexUid).toBe('annuaire');
      // Without page or hitsPerPage, Meilisearch counts each location instead of each service.
      expect(query).toHaveProperty('page');
      expect(query).not.toHaveProperty('limit');
    }
    expect(queries.slice(1).map((q) => q.page)).toEqual([0, 0]);
  });

  it('replaces the live index with a fresh one and deletes the old one', async () => {
    const server = fakeMeilisearch({ indexes: ['services'] });
    const messages: string[] = [];
    await expect(replaceMeilisearchIndex({ url, adminKey: 'cle' }, documents, (m) => messages.push(m))).resolves.toEqual({
      indexUid: 'services',
      documents: documents.length,
    });
    expect([...server.indexes]).toEqual(['services']);
    const swap = server.requests.find((r) => r.path === '/swap-indexes');
    expect(swap?.body).toEqual([{ indexes: ['services', expect.stringMatching(/^services_nouveau_\d+$/)], rename: false }]);
    expect(messages.at(-1)).toContain('remplacé');
  });

  it('deletes the temporary index when adding documents fails, and says why', async () => {
    const server = fakeMeilisearch({
      indexes: ['services'],
      refuse: {
        method: 'POST',
        path: /^\/indexes\/services_nouveau_\d+\/documents$/,
        status: 413,
        code: 'payload_too_large',
        message: 'The provided payload reached the size limit.',
      },
    });
    const messages: string[] = [];
    await expect(replaceMeilisearchIndex({ url }, documents, (m) => messages.push(m))).rejects.toThrow('size limit');
    expect([...server.indexes]).toEqual(['services']);
    expect(server.requests.some((r) => r.method === 'DELETE' && /^\/indexes\/services_nouveau_\d+$/.test(r.path))).toBe(true);
    expect(server.requests.some((r) => r.path === '/swap-indexes')).toBe(false);
    expect(messages.at(-1)).toMatch(/^Index temporaire services_nouveau_\d+ supprimé ; services est inchangé\.$/);
  });

  it('leaves the live index untouched when a server older than 1.18 refuses the swap', async () => {
    // Before 1.18 the swap payload denies unknown fields, « rename » included.
    const server = fakeMeilisearch({
      indexes: ['services'],
      refuse: {
        method: 'POST',
        path: /^\/swap-indexes$/,
        status: 400,
        code: 'bad_request',
        message: 'Unknown field `rename`: expected one of `indexes`',
      },
    });
    await expect(replaceMeilisearchIndex({ url }, documents)).rejects.toThrow('Unknown field `rename`');
    expect([...server.indexes]).toEqual(['services']);
  });
});
