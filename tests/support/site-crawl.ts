/**
 * The pages under test come from the site itself: the paths of /sitemap.xml, so every suite that
 * walks "every page" grows with the site. Plus small readers for built files.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Paths listed in the served /sitemap.xml (the sitemap holds absolute URLs on SITE_URL). */
export async function sitemapPaths(baseUrl: string): Promise<string[]> {
  const response = await fetch(`${baseUrl}/sitemap.xml`);
  if (!response.ok) throw new Error(`/sitemap.xml a répondu ${response.status}`);
  const xml = await response.text();
  return [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => new URL((match[1] as string).replace(/&amp;/g, '&')).pathname);
}

/** One path per kind of page (home, each first path segment): a sample for the slower browser checks. */
export function onePathPerPageType(paths: readonly string[]): string[] {
  const byType = new Map<string, string>();
  for (const path of paths) {
    const type = path.split('/')[1] ?? '';
    const depth = path.split('/').length;
    const key = `${type}:${depth}`;
    if (!byType.has(key)) byType.set(key, path);
  }
  return [...byType.values()];
}

/** Every file under a folder, recursively, as absolute paths. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Runs `task` over items with at most `limit` at a time, keeping the order of results. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
