/**
 * Bytes per page type before any interaction: the site is built on synthetic services (generated now,
 * never committed), served by scripts/serve.ts, and each page is loaded in Chromium at a phone's size
 * without a click or a scroll. Every same-origin response is counted, gzip-compressed (level 6, what
 * a server or CDN sends). Budgets: 0 KB of framework JavaScript on a page without a map, search or
 * form island; under 14 KB of HTML for a service page; under 100 KB in total for each page.
 *
 *   npm run bench -- pages            (BENCH_SERVICES=1000 to change the number of services)
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchBrowser } from '../../tests/support/browser.ts';
import { freePort, waitForHttp } from '../../tests/support/http-helpers.ts';
import { serveArguments } from '../lib/serve-command.ts';
import { buildSite } from '../lib/site-build.ts';
import { writeSyntheticContent } from '../lib/synthetic-services.ts';

const root = resolve(import.meta.dirname, '../..');
const SERVICES = Number(process.env.BENCH_SERVICES ?? 1000);
const work = join(root, 'node_modules/.passerelle-builds/bench-pages');
const KB = 1024;
const BUDGET = { serviceHtml: 14 * KB, total: 100 * KB };
/** Islands allowed to bring React: the map, the search and the referral form. */
const ALLOWED_ISLANDS = /ServiceMapIsland|Search|Referral/;
/** Framework code: React, its DOM renderer (Astro's client.*.js), the JSX runtime and the bundler's runtime. */
const FRAMEWORK = /\/_astro\/(client|react|react-dom|jsx-runtime|rolldown-runtime)[.-][^/]*\.js$/;

const contentDir = writeSyntheticContent(join(work, 'content'), SERVICES);
const outDir = join(work, 'dist');
buildSite({ outDir, contentDir, cacheDir: join(work, 'cache') }, { quiet: true });

const port = await freePort();
const server = spawn(process.execPath, serveArguments(), {
  cwd: root,
  stdio: 'ignore',
  env: { ...process.env, PASSERELLE_OUT_DIR: outDir, PORT: String(port), HOST: '127.0.0.1', OUTBOX_DIR: join(work, 'outbox') },
});
const baseUrl = `http://127.0.0.1:${port}`;
await waitForHttp(`${baseUrl}/`, 30_000);

interface Weight {
  html: number;
  css: number;
  js: number;
  framework: number;
  data: number;
  total: number;
  islands: string[];
}

const browser = await launchBrowser();

/** Loads a page like a phone would, without interacting, and sums what it received, gzip-compressed. */
async function weigh(path: string): Promise<Weight> {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'fr-FR', isMobile: true });
  await context.route('**/*', (route) => (route.request().url().startsWith(baseUrl) ? route.continue() : route.abort()));
  const page = await context.newPage();
  const pending: Promise<void>[] = [];
  const weight: Weight = { html: 0, css: 0, js: 0, framework: 0, data: 0, total: 0, islands: [] };
  page.on('response', (response) => {
    if (!response.url().startsWith(baseUrl) || response.status() >= 300) return;
    pending.push(
      response
        .body()
        .then((body) => {
          const bytes = gzipSync(body, { level: 6 }).length;
          const type = response.request().resourceType();
          const url = new URL(response.url()).pathname;
          if (type === 'document') weight.html += bytes;
          else if (type === 'stylesheet') weight.css += bytes;
          else if (type === 'script') {
            weight.js += bytes;
            if (FRAMEWORK.test(url)) weight.framework += bytes;
          } else if (type === 'fetch' || type === 'xhr') weight.data += bytes;
          weight.total += bytes;
        })
        .catch(() => undefined),
    );
  });
  await page.goto(`${baseUrl}${path}`, { waitUntil: 'networkidle' });
  await Promise.all(pending);
  weight.islands = await page.$$eval('astro-island', (islands) => islands.map((island) => island.getAttribute('component-url') ?? ''));
  await context.close();
  return weight;
}

const servicePaths = readdirSync(join(outDir, 'client/annuaire'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => `/annuaire/${entry.name}/`)
  .slice(0, 25);
const PAGE_TYPES: [string, string[]][] = [
  ['accueil', ['/']],
  ['département', ['/departements/75-paris/', '/departements/59-nord/', '/departements/13-bouches-du-rhone/']],
  ['service', servicePaths],
  ['recherche', ['/recherche/?lieu=Lille']],
  ['formulaire', ['/orienter/']],
];

const rows: string[][] = [];
let failed = false;
const kb = (bytes: number): string => (bytes / KB).toFixed(1);
for (const [type, paths] of PAGE_TYPES) {
  const weights = [];
  for (const path of paths) weights.push(await weigh(path));
  // The heaviest page of the type: budgets hold for every page, not for an average.
  const worst = weights.reduce((a, b) => (b.total > a.total ? b : a));
  const maxHtml = Math.max(...weights.map((w) => w.html));
  const frameworkAllowed = worst.islands.some((url) => ALLOWED_ISLANDS.test(url));
  const checks = [
    worst.framework === 0 || frameworkAllowed ? '' : 'JS de framework hors îlot carte/recherche/formulaire',
    type === 'service' && maxHtml >= BUDGET.serviceHtml ? `HTML ≥ ${kb(BUDGET.serviceHtml)} Ko` : '',
    worst.total >= BUDGET.total ? `total ≥ ${kb(BUDGET.total)} Ko` : '',
  ].filter(Boolean);
  failed ||= checks.length > 0;
  rows.push([
    `${type} (${paths.length})`,
    kb(maxHtml),
    kb(worst.css),
    kb(worst.js),
    `${kb(worst.framework)}${worst.framework && frameworkAllowed ? ' (îlot)' : ''}`,
    kb(worst.data),
    kb(worst.total),
    checks.length ? `DÉPASSÉ : ${checks.join(' ; ')}` : 'OK',
  ]);
}
await browser.close();
server.kill('SIGTERM');

const header = [
  'type de page',
  'HTML',
  'CSS',
  'JS',
  'dont framework',
  'données',
  'total',
  `budgets (HTML service < ${kb(BUDGET.serviceHtml)}, total < ${kb(BUDGET.total)})`,
];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] as string).length)));
const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i] as number)).join(' | ')} |`;
console.log(
  `\nOctets reçus avant toute interaction, en Ko gzip (téléphone 360 × 740, ${SERVICES} services synthétiques ; page la plus lourde de chaque type)`,
);
console.log(line(header));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const row of rows) console.log(line(row));
process.exitCode = failed ? 1 : 0;
