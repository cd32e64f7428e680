/**
 * Map: the real island in headless Chromium on 10,000 and 50,000 synthetic locations (generated
 * now, never committed). Measures the feed's size (raw and gzip), the time from the island's start
 * to the first markers drawn, and frame times while dragging the map: the France feed opened at
 * country, région and city zoom, the Île-de-France page on its région feed (the région with the most
 * locations) and the Paris page on its département feed. The France feed comes with its overview, as
 * on the site (map-overview.ts). Targets: first markers within 1 s on the pages as the site opens
 * them (the France map always opens on France: at région or city zoom its first markers are only
 * reported), no frame over 50 ms while panning at 50,000. Panning starts once every point is
 * indexed; the longest task between the first markers and then is reported.
 */
import { createServer, type Server } from 'node:http';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildDepartementFeed, buildFranceFeed, buildRegionFeed, type MapService } from '../../src/lib/map/map-feed.ts';
import { pointFeaturesOf } from '../../src/lib/map/map-points.ts';
import { withIdInProperties } from '../../src/lib/map/map-clusters.ts';
import { buildMapOverview } from '../../src/lib/map/map-overview.ts';
import { parseOutlines, simplifyOutlines } from '../../src/lib/map/map-outlines.ts';
import { serviceSchema } from '../../src/lib/content/service-schema.ts';
import { launchBrowser } from '../../tests/support/browser.ts';
import { generateSyntheticServices } from '../lib/synthetic-services.ts';
import { precompressDirectory } from '../lib/precompress.ts';
import { createStaticFiles, sitePath } from '../lib/static-files.ts';
import { buildMapHarness } from './map-harness-build.ts';

const root = resolve(import.meta.dirname, '../..');
const work = join(root, 'node_modules/.passerelle-builds/bench-map');
const SIZES = (process.env.BENCH_MAP_LOCATIONS ?? '10000,50000').split(',').map(Number);
const FIRST_MARKERS_TARGET_MS = 1000;
const FRAME_TARGET_MS = 50;
const ILE_DE_FRANCE_BBOX = '1.45,48.12,3.56,49.24';
const PARIS_BBOX = '2.25,48.815,2.42,48.9';
/** `opensThere`: the site opens this map on this view, so its first markers have the 1 s target. */
const VIEWS = [
  { label: 'France', bbox: '-5.15,41.33,9.57,51.09', feed: '/feed.geojson', overview: '/overview.json', opensThere: true },
  { label: 'Île-de-France', bbox: ILE_DE_FRANCE_BBOX, feed: '/feed.geojson', overview: '/overview.json', opensThere: false },
  { label: 'Paris', bbox: PARIS_BBOX, feed: '/feed.geojson', overview: '/overview.json', opensThere: false },
  { label: 'page Île-de-France (flux de la région)', bbox: ILE_DE_FRANCE_BBOX, feed: '/region.geojson', opensThere: true },
  { label: 'page Paris (flux du département)', bbox: PARIS_BBOX, feed: '/departement.geojson', opensThere: true },
];

rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });

// The island, bundled as the site bundles it, minified.
await buildMapHarness(join(work, 'site'), { minify: true });
writeFileSync(
  join(work, 'site/index.html'),
  '<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Carte</title><link rel="stylesheet" href="/map-harness.css"></head><body style="margin:0"><div id="root"></div><script type="module" src="/map-harness.js"></script></body></html>',
);
const outlines = JSON.stringify(
  simplifyOutlines(parseOutlines(readFileSync(join(root, 'src/lib/territories/data/departements.geojson'), 'utf8'))),
);
writeFileSync(join(work, 'site/outlines.geojson'), outlines);

/**
 * Synthetic services parsed by the real schema, and their France feed cut to exactly `locations`
 * locations; the région feed is built from the same services.
 */
function syntheticFeeds(locations: number): { france: string; overview: string; region: string; departement: string } {
  const services: MapService[] = generateSyntheticServices(Math.ceil(locations / 1.1)).map(({ id, ...input }) => ({
    ...serviceSchema.parse(input),
    id,
  }));
  const feed = buildFranceFeed(services);
  let extra = feed.features.reduce((sum, group) => sum + group.properties.ids.length, 0) - locations;
  if (extra < 0) throw new Error(`Seulement ${locations + extra} lieux générés.`);
  // Drop the surplus from the last groups, keeping each group's three lists the same length.
  for (let index = feed.features.length - 1; extra > 0 && index >= 0; index--) {
    const group = feed.features[index]!;
    const keep = Math.max(0, group.properties.ids.length - extra);
    extra -= group.properties.ids.length - keep;
    group.geometry.coordinates.length = keep;
    group.properties.ids.length = keep;
    group.properties.names.length = keep;
  }
  feed.features = feed.features.filter((group) => group.properties.ids.length > 0);
  // The overview of the points as the island reads them back from the feed.
  const france = JSON.stringify(feed);
  const overview = JSON.stringify(buildMapOverview(withIdInProperties(pointFeaturesOf(JSON.parse(france) as typeof feed))));
  return {
    france,
    overview,
    region: JSON.stringify(buildRegionFeed(services, '11')),
    departement: JSON.stringify(buildDepartementFeed(services, '75')),
  };
}

/**
 * Serves the harness as `npm run serve` serves the site: its text files compressed beforehand (as
 * the build does), then sent by static-files.ts. `published` compresses and lists the folder again
 * once new feeds are written, as a new deploy would.
 */
async function serve(dir: string): Promise<{ server: Server; url: string; published: () => Promise<void> }> {
  let files = createStaticFiles(dir);
  const published = async (): Promise<void> => {
    await precompressDirectory(dir);
    files = createStaticFiles(dir);
  };
  const server = createServer((req, res) => {
    const path = sitePath(req.url);
    if (path === undefined || !files.serve(req, res, path)) res.writeHead(404).end();
  });
  return new Promise((done) =>
    server.listen(0, '127.0.0.1', () =>
      done({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, published }),
    ),
  );
}

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};
const kb = (bytes: number): string => `${(bytes / 1024).toLocaleString('fr-FR', { maximumFractionDigits: 0 })} Ko`;

const loadBefore = loadavg()[0] as number;
const browser = await launchBrowser();
const { server, url, published } = await serve(join(work, 'site'));
const rows: Record<string, string>[] = [];
let failed = false;

try {
  for (const size of SIZES) {
    const feeds = syntheticFeeds(size);
    writeFileSync(join(work, 'site/feed.geojson'), feeds.france);
    writeFileSync(join(work, 'site/region.geojson'), feeds.region);
    writeFileSync(join(work, 'site/overview.json'), feeds.overview);
    writeFileSync(join(work, 'site/departement.geojson'), feeds.departement);
    await published();
    const regionLocations = pointFeaturesOf(JSON.parse(feeds.region) as Parameters<typeof pointFeaturesOf>[0]).length;
    for (const [label, feed] of [
      [`flux France, ${size.toLocaleString('fr-FR')} lieux`, feeds.france],
      ['aperçu France (zooms 0 à 7)', feeds.overview],
      [`flux Île-de-France, ${regionLocations.toLocaleString('fr-FR')} lieux`, feeds.region],
      ['flux complet de Paris', feeds.departement],
    ] as const) {
      rows.push({
        mesure: label,
        valeur: `${kb(Buffer.byteLength(feed))} brut, ${kb(gzipSync(feed, { level: 9 }).length)} gzip`,
        cible: 'indicatif',
      });
    }
    for (const view of VIEWS) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'fr-FR' });
      const page = await context.newPage();
      // Long tasks of the page, to report the longest once the first markers are drawn.
      await page.addInitScript(() => {
        const tasks: { start: number; duration: number }[] = [];
        (window as unknown as { longTasks_: typeof tasks }).longTasks_ = tasks;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) tasks.push({ start: entry.startTime, duration: entry.duration });
        }).observe({ type: 'longtask', buffered: true });
      });
      await page.goto(
        `${url}/?${new URLSearchParams({ bbox: view.bbox, feed: view.feed, ...(view.overview ? { overview: view.overview } : {}) }).toString()}`,
      );
      await page.waitForFunction(
        () =>
          performance.getEntriesByName('passerelle-map:points-indexed').length > 0 &&
          performance.getEntriesByName('passerelle-map:first-markers').length > 0,
        null,
        { timeout: 30_000 },
      );
      const firstMarkers = await page.evaluate(() => {
        const at = (name: string): number => performance.getEntriesByName(name)[0]?.startTime ?? 0;
        const start = at('passerelle-map:start');
        const drawn = at('passerelle-map:first-markers');
        const afterDrawn = (window as unknown as { longTasks_: { start: number; duration: number }[] }).longTasks_.filter(
          (task) => task.start + task.duration > drawn,
        );
        return {
          island: drawn - start,
          page: drawn,
          complete: at('passerelle-map:points-indexed') - start,
          feed: at('passerelle-map:feed-loaded') - start,
          index: at('passerelle-map:points-indexed') - at('passerelle-map:feed-loaded'),
          longestTaskAfter: Math.max(0, ...afterDrawn.map((task) => task.duration)),
          markers: document.querySelectorAll('.pmap-marker, .pmap-cluster').length,
        };
      });
      await page.waitForTimeout(300);
      // Record every frame while the map is dragged four times (each drag ends with a redraw of the markers).
      await page.evaluate(() => {
        performance.clearMeasures();
        const frames: number[] = [];
        (window as unknown as { frames_: number[] }).frames_ = frames;
        let last = performance.now();
        const tick = (now: number): void => {
          frames.push(now - last);
          last = now;
          requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      });
      const box = (await page.locator('.pmap__canvas').boundingBox())!;
      const cx = box.x + box.width / 2;
      const cy = box.y + box.height / 2;
      for (const [dx, dy] of [
        [260, 0],
        [0, 180],
        [-260, 0],
        [0, -180],
      ] as const) {
        await page.mouse.move(cx, cy);
        await page.mouse.down();
        await page.mouse.move(cx + dx, cy + dy, { steps: 20 });
        await page.mouse.up();
        await page.waitForTimeout(250);
      }
      const frames = (await page.evaluate(() => (window as unknown as { frames_: number[] }).frames_)).slice(1);
      const work = await page.evaluate(() => {
        const longest = (name: string): number => Math.max(0, ...performance.getEntriesByName(name).map((e) => e.duration));
        return { render: longest('passerelle-map:render'), add: longest('passerelle-map:add-markers') };
      });
      const maxFrame = Math.max(...frames);
      const firstOk = !view.opensThere || firstMarkers.island <= FIRST_MARKERS_TARGET_MS;
      const framesOk = maxFrame <= FRAME_TARGET_MS;
      if (size >= 50_000) failed ||= !firstOk || !framesOk;
      rows.push({
        mesure: `  ${view.label} : îlot → premiers marqueurs`,
        valeur: `${Math.round(firstMarkers.island)} ms (${Math.round(firstMarkers.page)} ms depuis la navigation ; ${firstMarkers.markers} marqueurs) ; tous les points à ${Math.round(firstMarkers.complete)} ms (flux ${Math.round(firstMarkers.feed)} ms, index ${Math.round(firstMarkers.index)} ms ; tâche la plus longue après les premiers marqueurs ${Math.round(firstMarkers.longestTaskAfter)} ms)`,
        cible: view.opensThere
          ? `≤ ${FIRST_MARKERS_TARGET_MS} ms : ${firstOk ? 'OK' : 'DÉPASSÉ'}`
          : 'indicatif (le site ouvre la carte de France sur la France)',
      });
      rows.push({
        mesure: `  ${view.label} : images pendant le déplacement`,
        valeur: `${frames.length} images, médiane ${percentile(frames, 50).toFixed(1)} ms, p95 ${percentile(frames, 95).toFixed(1)} ms, max ${maxFrame.toFixed(1)} ms (calcul des marqueurs ≤ ${work.render.toFixed(0)} ms, ajout ≤ ${work.add.toFixed(0)} ms par image)`,
        cible: `max ≤ ${FRAME_TARGET_MS} ms : ${framesOk ? 'OK' : 'DÉPASSÉ'}`,
      });
      await context.close();
    }
  }
  rows.push({
    mesure: 'charge de la machine (moyenne 1 min)',
    valeur: `${loadBefore.toFixed(1)} avant, ${(loadavg()[0] as number).toFixed(1)} après`,
    cible: 'au-delà du nombre de cœurs, les durées mesurent les autres processus',
  });
  rows.push({
    mesure: 'contours des départements',
    valeur: `${kb(Buffer.byteLength(outlines))} brut, ${kb(gzipSync(outlines, { level: 9 }).length)} gzip`,
    cible: 'indicatif',
  });
} finally {
  await browser.close();
  server.close();
}
console.table(rows);
rmSync(work, { recursive: true, force: true });
process.exitCode = failed ? 1 : 0;
