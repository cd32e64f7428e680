/**
 * Search benchmark on synthetic services generated now (1,000, 10,000 and 50,000, spread over
 * communes by population), never committed:
 * - index size, raw and gzip: the whole embedded index, and what a typical search (a commune, the
 *   default 30 km) transfers: manifest + the files of the départements within reach;
 * - p50/p95 query time in Node for text, filter and nearest queries on the whole index;
 * - in Chromium on a throttled mobile profile (4× slower CPU, 150 ms, 1.6 Mbit/s), the time from
 *   choosing a commune (press on the suggestion) to the frame that shows the first result card,
 *   measured in the page, at 10,000 services.
 * Targets: p95 < 20 ms at 10,000; typical search < 300 KB gzip at 10,000; first results < 1 s.
 *
 *   npm run bench -- search
 *   BENCH_SEARCH_SIZES=1000,10000 BENCH_SEARCH_BROWSER=0 npm run bench -- search
 */
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { serviceSchema } from '../../src/lib/content/service-schema.ts';
import { createEmbeddedEngine } from '../../src/lib/search/embedded-engine.ts';
import { buildSearchDocuments } from '../../src/lib/search/search-documents.ts';
import { emptyQuery, type SearchDocument, type SearchPlace, type SearchQuery } from '../../src/lib/search/search-model.ts';
import { communePlace } from '../../src/lib/search/search-place.ts';
import { buildSearchManifest, buildShard, shardsForQuery, type SearchManifest } from '../../src/lib/search/search-shards.ts';
import { encodeDocument } from '../../src/lib/search/search-wire.ts';
import { buildSite } from '../lib/site-build.ts';
import { getCommune, listDepartements, listRegions } from '../../src/lib/territories/territory-data.ts';
import { generateSyntheticServices } from '../lib/synthetic-services.ts';

const root = resolve(import.meta.dirname, '../..');
const sizes = (process.env.BENCH_SEARCH_SIZES ?? '1000,10000,50000').split(',').map(Number);
const TARGET = { services: 10_000, p95Ms: 20, typicalKb: 300, firstResultsMs: 1000 };

const place = (code: string): SearchPlace => {
  const c = getCommune(code);
  if (!c) throw new Error(code);
  return communePlace(c);
};
/** Typical places: a mining town, a Paris arrondissement (the densest files), a big city, a small préfecture. */
const PLACES = { Lens: place('62498'), 'Paris 15e': place('75115'), Lyon: place('69123'), Guéret: place('23096') };

function documentsFor(count: number): SearchDocument[] {
  const services = generateSyntheticServices(count).map(({ id, ...input }) => ({ ...serviceSchema.parse(input), id }));
  return buildSearchDocuments(services);
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(0)} Ko`;
const gzip = (text: string): number => gzipSync(text).length;

function timings(run: () => void, reps: number): { p50: number; p95: number } {
  for (let i = 0; i < 5; i++) run();
  const times: number[] = [];
  for (let i = 0; i < reps; i++) {
    const started = performance.now();
    run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(reps * 0.5)] as number, p95: times[Math.min(reps - 1, Math.floor(reps * 0.95))] as number };
}

function typicalTransfer(
  documents: SearchDocument[],
  manifest: SearchManifest,
  where: SearchPlace,
): { raw: number; gz: number; files: number } {
  const manifestJson = JSON.stringify(manifest);
  let raw = manifestJson.length;
  let gz = gzip(manifestJson);
  const codes = shardsForQuery(emptyQuery({ place: where, radiusKm: 30 }), manifest).filter(
    (code) => (manifest.departements[code]?.count ?? 0) > 0,
  );
  for (const code of codes) {
    const json = JSON.stringify(buildShard(documents, code));
    raw += json.length;
    gz += gzip(json);
  }
  return { raw, gz, files: codes.length };
}

const rows: string[][] = [];
let failed = false;
const documentsBySize = new Map<number, SearchDocument[]>();
for (const count of sizes) {
  const started = performance.now();
  const documents = documentsFor(count);
  documentsBySize.set(count, documents);
  const manifest = buildSearchManifest(documents, listDepartements(), listRegions());
  const whole = JSON.stringify(documents.map(encodeDocument));
  const transfers = Object.entries(PLACES).map(([name, where]) => ({ name, ...typicalTransfer(documents, manifest, where) }));
  const worst = transfers.reduce((a, b) => (b.gz > a.gz ? b : a));
  const engine = createEmbeddedEngine(documents);
  const reps = count >= 50_000 ? 30 : 100;
  const queries: [string, SearchQuery][] = [
    ['texte « mediaton » (faute de frappe)', emptyQuery({ text: 'mediaton' })],
    ['texte « espace de rencontre Lens »', emptyQuery({ text: 'espace de rencontre Lens' })],
    ['filtres type + département', emptyQuery({ kinds: ['espace-rencontre'], departements: ['62'] })],
    ['plus proches de Lens, 30 km', emptyQuery({ place: PLACES.Lens, radiusKm: 30 })],
    [
      'plus proches de Paris 15e, type + mots',
      emptyQuery({ place: PLACES['Paris 15e'], radiusKm: 30, kinds: ['mediation-familiale'], text: 'médiation' }),
    ],
  ];
  for (const [label, query] of queries) {
    await engine.index.prepare(query);
    const { p50, p95 } = timings(() => engine.index.search(query), reps);
    const target = count === TARGET.services ? p95 < TARGET.p95Ms : undefined;
    if (target === false) failed = true;
    rows.push([
      String(count),
      label,
      `${p50.toFixed(1)} ms`,
      `${p95.toFixed(1)} ms`,
      target === undefined ? '' : target ? `oui (< ${TARGET.p95Ms} ms)` : `NON (< ${TARGET.p95Ms} ms)`,
    ]);
  }
  const sizeOk = count === TARGET.services ? worst.gz < TARGET.typicalKb * 1024 : undefined;
  if (sizeOk === false) failed = true;
  rows.push([String(count), 'index entier (toutes les recherches sans lieu)', kb(whole.length), `${kb(gzip(whole))} gzip`, '']);
  for (const t of transfers) {
    const ok =
      count === TARGET.services && t === worst ? (sizeOk ? `oui (< ${TARGET.typicalKb} Ko)` : `NON (< ${TARGET.typicalKb} Ko)`) : '';
    rows.push([String(count), `recherche typique : ${t.name}, 30 km (${t.files} fichiers)`, kb(t.raw), `${kb(t.gz)} gzip`, ok]);
  }
  console.error(`(${count} services préparés et mesurés en ${((performance.now() - started) / 1000).toFixed(0)} s)`);
}

console.log('\nRecherche embarquée (Node, index entier en mémoire ; tailles : fichiers d’index JSON)\n');
console.log('| services | mesure | p50 / brut | p95 / gzip | cible tenue |');
console.log('|---:|---|---:|---:|---|');
for (const row of rows) console.log(`| ${row.join(' | ')} |`);

if (process.env.BENCH_SEARCH_BROWSER !== '0') {
  const count = TARGET.services;
  const documents = documentsBySize.get(count) ?? documentsFor(count);
  const result = await browserFirstResults(documents);
  console.log(
    `\nPremiers résultats après le choix d’une commune, Chromium, profil mobile lent (CPU ×4, 150 ms, 1,6 Mbit/s), ${count} services\n`,
  );
  console.log('| commune | essais (ms) | pire | cible tenue |');
  console.log('|---|---|---:|---|');
  for (const [name, times] of result) {
    const worst = Math.max(...times);
    const ok = worst < TARGET.firstResultsMs;
    if (!ok) failed = true;
    console.log(
      `| ${name} | ${times.map((t) => t.toFixed(0)).join(', ')} | ${worst.toFixed(0)} ms | ${ok ? 'oui' : 'NON'} (< ${TARGET.firstResultsMs} ms) |`,
    );
  }
}
process.exitCode = failed ? 1 : 0;

/**
 * Builds the site once (real content: only the search page's files matter), swaps in index files
 * for the synthetic services, serves the static folder gzip-compressed, and times the search page.
 */
async function browserFirstResults(documents: SearchDocument[]): Promise<[string, number[]][]> {
  const { launchBrowser } = await import('../../tests/support/browser.ts');
  const builds = join(root, 'node_modules/.passerelle-builds');
  const outDir = join(builds, 'bench-search');
  if (!existsSync(join(outDir, 'client/recherche/index.html'))) {
    buildSite({ outDir, cacheDir: join(builds, 'bench-search-cache') }, { quiet: true });
  }
  const site = join(builds, 'bench-search-site');
  rmSync(site, { recursive: true, force: true });
  cpSync(join(outDir, 'client'), site, { recursive: true });
  const manifest = buildSearchManifest(documents, listDepartements(), listRegions());
  writeFileSync(join(site, 'recherche/index.json'), JSON.stringify(manifest));
  mkdirSync(join(site, 'recherche/documents'), { recursive: true });
  for (const code of Object.keys(manifest.departements))
    writeFileSync(join(site, `recherche/documents/${code.toLowerCase()}.json`), JSON.stringify(buildShard(documents, code)));

  const types: Record<string, string> = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript',
    '.css': 'text/css',
    '.json': 'application/json',
    '.svg': 'image/svg+xml',
  };
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = join(site, path.endsWith('/') ? `${path}index.html` : path);
    if (!file.startsWith(site) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    const body = gzipSync(readFileSync(file));
    res.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream', 'Content-Encoding': 'gzip' }).end(body);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const browser = await launchBrowser();
  const results: [string, number[]][] = [];
  try {
    for (const [name, typed, option] of [
      ['Lens', 'Lens', /^Lens \(62300\)/],
      ['Paris 15e', 'Paris 15', /^Paris 15e Arrondissement/],
      ['Guéret', 'Guéret', /^Guéret/],
    ] as const) {
      const times: number[] = [];
      for (let run = 0; run < 3; run++) {
        const context = await browser.newContext({
          viewport: { width: 390, height: 844 },
          isMobile: true,
          hasTouch: true,
          locale: 'fr-FR',
        });
        const page = await context.newPage();
        const cdp = await context.newCDPSession(page);
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
        await cdp.send('Network.enable');
        await cdp.send('Network.emulateNetworkConditions', {
          offline: false,
          latency: 150,
          downloadThroughput: (1.6 * 1024 * 1024) / 8,
          uploadThroughput: (750 * 1024) / 8,
        });
        await page.goto(`${base}/recherche/`, { waitUntil: 'load' });
        const field = page.getByRole('combobox', { name: 'Commune ou code postal' });
        await field.pressSequentially(typed, { delay: 40 });
        const choice = page.getByRole('option', { name: option }).first();
        await choice.waitFor({ timeout: 30_000 });
        // Timed in the page: from the press on the suggestion to the frame after the first card is in the DOM.
        await page.evaluate(() => {
          const w = window as unknown as { benchStart?: number; benchEnd?: number };
          document.addEventListener('mousedown', () => (w.benchStart ??= performance.now()), { capture: true });
          const observer = new MutationObserver(() => {
            if (w.benchEnd === undefined && document.querySelector('#liste-resultats > li')) {
              observer.disconnect();
              requestAnimationFrame(() => (w.benchEnd = performance.now()));
            }
          });
          observer.observe(document.body, { childList: true, subtree: true });
        });
        await choice.click();
        await page.locator('#liste-resultats > li').first().waitFor({ timeout: 30_000 });
        await page.waitForFunction(() => (window as unknown as { benchEnd?: number }).benchEnd !== undefined);
        times.push(
          await page.evaluate(() => {
            const w = window as unknown as { benchStart: number; benchEnd: number };
            return w.benchEnd - w.benchStart;
          }),
        );
        await context.close();
      }
      results.push([name, times]);
    }
  } finally {
    await browser.close();
    server.close();
  }
  return results;
}
