/**
 * Page weight: builds the site on synthetic content (generated now, never committed) and measures the
 * HTML of service and département pages, raw and gzip-compressed. Target: a service page fits in the
 * first 14 KB a server sends (TCP initial window), so it shows on a slow phone after one round trip.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { writeSyntheticContent } from '../lib/synthetic-services.ts';

const root = resolve(import.meta.dirname, '../..');
const SERVICES = Number(process.env.BENCH_SERVICES ?? 400);
const work = join(root, 'node_modules/.passerelle-builds/bench-page-weight');
const contentDir = writeSyntheticContent(join(work, 'content'), SERVICES);
const outDir = join(work, 'dist');
mkdirSync(outDir, { recursive: true });

const started = performance.now();
const build = spawnSync('npx', ['astro', 'build'], {
  cwd: root,
  stdio: ['ignore', 'ignore', 'inherit'],
  env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', PASSERELLE_CONTENT_DIR: contentDir, PASSERELLE_OUT_DIR: outDir, PASSERELLE_CACHE_DIR: join(work, 'cache') },
});
const buildSeconds = (performance.now() - started) / 1000;
if (build.status !== 0) {
  console.error('La construction du site a échoué.');
  process.exit(1);
}

function sizes(dir: string): { raw: number; gzip: number }[] {
  const base = join(outDir, 'client', dir);
  return readdirSync(base, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => readFileSync(join(base, entry.name, 'index.html')))
    .map((html) => ({ raw: html.length, gzip: gzipSync(html, { level: 9 }).length }));
}
const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
};
const kb = (bytes: number): string => (bytes / 1024).toFixed(1);

const rows: [string, string, string, string][] = [];
let failed = false;
for (const [label, dir, targetGzip] of [
  ['page service', 'annuaire', 14 * 1024],
  ['page département', 'departements', 30 * 1024],
] as const) {
  const measured = sizes(dir);
  const gzipMax = Math.max(...measured.map((m) => m.gzip));
  const ok = gzipMax <= targetGzip;
  failed ||= !ok;
  rows.push([
    `${label} (${measured.length})`,
    `brut médiane ${kb(percentile(measured.map((m) => m.raw), 50))} Ko, max ${kb(Math.max(...measured.map((m) => m.raw)))} Ko`,
    `gzip médiane ${kb(percentile(measured.map((m) => m.gzip), 50))} Ko, max ${kb(gzipMax)} Ko`,
    `cible gzip ≤ ${kb(targetGzip)} Ko : ${ok ? 'OK' : 'DÉPASSÉ'}`,
  ]);
}
rows.push([`construction (${SERVICES} services)`, `${buildSeconds.toFixed(1)} s`, '', 'indicatif']);
console.table(rows.map(([mesure, brut, compresse, cible]) => ({ mesure, brut, compresse, cible })));
rmSync(work, { recursive: true, force: true });
process.exitCode = failed ? 1 : 0;
