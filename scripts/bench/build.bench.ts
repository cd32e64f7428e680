/**
 * Build time and peak memory: the full site built on 1,000, 10,000 and 50,000 synthetic services
 * (generated now, never committed), each from an empty cache. Target: 10,000 services in under
 * 2 minutes and 2 GB on a 2-core machine. Peak memory is the largest resident size of the build's
 * process tree, sampled every 200 ms from /proc.
 *
 *   npm run bench -- build                    all three sizes
 *   BENCH_BUILD_SIZES=1000,10000 npm run bench -- build
 *   BENCH_BUILD_HEAP_MB=1280 npm run bench -- build     V8 heap capped, as on a machine with 2 GB
 *
 * Node sizes its heap from the machine's memory and collects lazily when it has room: on a large
 * machine the peak says more about the room than about what the build needs. The capped run says
 * whether the build fits.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { astroBuildCommand } from '../lib/site-build.ts';
import { writeSyntheticContent } from '../lib/synthetic-services.ts';

const root = resolve(import.meta.dirname, '../..');
const work = join(root, 'node_modules/.passerelle-builds/bench-build');
const sizes = (process.env.BENCH_BUILD_SIZES ?? '1000,10000,50000').split(',').map(Number);
const TARGET = { services: 10_000, seconds: 120, megabytes: 2048 };
const heapMb = process.env.BENCH_BUILD_HEAP_MB ? Number(process.env.BENCH_BUILD_HEAP_MB) : undefined;

/** Resident memory (bytes) of a process and all its descendants, from /proc. */
function treeRss(rootPid: number): number {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const pid = Number(name);
      const ppid = Number(fields[1]);
      rss.set(pid, Number(fields[21]) * 4096);
      children.set(ppid, [...(children.get(ppid) ?? []), pid]);
    } catch {
      // The process ended while we read it.
    }
  }
  let total = 0;
  const queue = [rootPid];
  while (queue.length) {
    const pid = queue.pop() as number;
    total += rss.get(pid) ?? 0;
    queue.push(...(children.get(pid) ?? []));
  }
  return total;
}

interface Measure {
  services: number;
  pages: number;
  seconds: number;
  peakMb: number;
  ok: boolean;
}

async function measure(count: number): Promise<Measure> {
  const dir = join(work, String(count));
  rmSync(dir, { recursive: true, force: true });
  const contentDir = writeSyntheticContent(join(dir, 'content'), count);
  const outDir = join(dir, 'dist');
  const started = performance.now();
  const heapFlag = heapMb ? [`--max-old-space-size=${heapMb}`] : [];
  const build = astroBuildCommand({ outDir, contentDir, cacheDir: join(dir, 'cache') }, heapFlag);
  const child = spawn(build.command, build.args, { ...build.options, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, treeRss(child.pid as number))), 200);
  const status = await new Promise<number | null>((done) => child.on('exit', done));
  clearInterval(sampler);
  const seconds = (performance.now() - started) / 1000;
  if (status !== 0) throw new Error(`La construction à ${count} services a échoué (code ${status}) :\n${stderr.slice(-2000)}`);
  const pages = readdirSync(join(outDir, 'client'), { recursive: true }).filter((name) => String(name).endsWith('.html')).length;
  rmSync(dir, { recursive: true, force: true });
  const peakMb = peak / 1024 / 1024;
  // Only 10,000 services has a target; the other sizes show how the build grows.
  const ok = count !== TARGET.services || (seconds < TARGET.seconds && peakMb < TARGET.megabytes);
  return { services: count, pages, seconds, peakMb, ok };
}

const results: Measure[] = [];
for (const count of sizes) {
  results.push(await measure(count));
  const last = results.at(-1) as Measure;
  console.log(`  ${last.services} services : ${last.seconds.toFixed(1)} s, ${last.peakMb.toFixed(0)} Mo`);
}

const rows = results.map((r, i) => {
  const previous = results[i - 1];
  const growth = previous
    ? `×${(r.seconds / previous.seconds).toFixed(1)} temps, ×${(r.peakMb / previous.peakMb).toFixed(1)} mémoire pour ×${(r.services / previous.services).toFixed(0)} services`
    : '';
  const target =
    r.services === TARGET.services ? `< ${TARGET.seconds} s et < ${TARGET.megabytes} Mo : ${r.ok ? 'OK' : 'DÉPASSÉ'}` : 'pas de cible';
  return [
    String(r.services),
    String(r.pages),
    r.seconds.toFixed(1),
    r.peakMb.toFixed(0),
    ((r.seconds / r.pages) * 1000).toFixed(1),
    growth,
    target,
  ];
});
const header = ['services', 'pages HTML', 'temps (s)', 'pic mémoire (Mo)', 'ms / page', 'croissance', 'cible'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] as string).length)));
const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i] as number)).join(' | ')} |`;
console.log(
  `\nConstruction complète (cache vide), ${sizes.join(', ')} services synthétiques, tas V8 ${heapMb ? `limité à ${heapMb} Mo` : 'par défaut'}`,
);
console.log(line(header));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const row of rows) console.log(line(row));
process.exitCode = results.every((r) => r.ok) ? 0 : 1;
