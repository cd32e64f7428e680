/**
 * The pages under test come from the site itself: the paths of /sitemap.xml, so every suite that
 * walks "every page" grows with the site. Plus small readers for built files.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { externalHosts } from '../../src/lib/site/external-hosts.ts';

/** The map tiles' host the site under test was built with (astro.config.mjs reads the same variable; empty means no tiles). */
export const TILE_HOST = externalHosts({ mapTileUrl: process.env.PUBLIC_MAP_TILE_URL }).mapTiles?.host ?? 'aucune-tuile.invalid';

/** Paths listed in the served /sitemap.xml (the sitemap holds absolute URLs on SITE_URL). */
export async function sitemapPaths(baseUrl: string): Promise<string[]> {
  const response = await fetch(`${baseUrl}/sitemap.xml`);
  if (!response.ok) throw new Error(`/sitemap.xml a répondu ${response.status}`);
  const xml = await response.text();
  return [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => new URL((match[1] as string).replace(/&amp;/g, '&')).pathname);
}

/** The other hosts the confidentialité page names (each marked with data-external-host), and the page. */
export async function hostsNamedOnPrivacyPage(baseUrl: string): Promise<{ named: string[]; html: string }> {
  const html = await (await fetch(`${baseUrl}/confidentialite/`)).text();
  return { named: [...new Set([...html.matchAll(/data-external-host="([^"]+)"/g)].map((m) => m[1] as string))].sort(), html };
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

/**
 * The pages a browser sweep visits: one per kind of page in `npm test`, every page of the sitemap in
 * `npm run test:full` (which sets PASSERELLE_FULL_SWEEP=1), since the full sweep grows with the content.
 */
export function pagesToSweep(paths: readonly string[], environment: NodeJS.ProcessEnv = process.env): string[] {
  return environment.PASSERELLE_FULL_SWEEP === '1' ? [...paths] : onePathPerPageType(paths);
}

/** Every file under a folder, recursively, as absolute paths. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Runs `task` over items with at most `limit` at a time, keeping the order of results. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
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

/** Decodes the entities a built page may use inside an attribute value. */
function decodeAttribute(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;|&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Whether a URL written in a page leads to another host than `site` (relative URLs stay on the site). */
function isForeign(url: string, site: URL): boolean {
  const trimmed = url.trim();
  if (!/^(https?:)?\/\//i.test(trimmed)) return false;
  try {
    return new URL(trimmed, site).origin !== site.origin;
  } catch {
    return true;
  }
}

/** The url(…) and @import targets of a piece of CSS that lead to another host. */
function foreignCssUrls(css: string, site: URL): string[] {
  const urls = [...css.matchAll(/url\(\s*(['"]?)([^'")]*)\1\s*\)|@import\s+(['"])([^'"]+)\3/gi)].map((m) => m[2] ?? m[4] ?? '');
  return urls.filter((url) => isForeign(url, site));
}

/**
 * What in a built page would make the browser fetch from, or go to, another host by itself: fetching
 * attributes with an absolute URL (canonical and alternate links may only point at the site), url()
 * and @import in style attributes and <style> elements, and <meta http-equiv="refresh"> to another host.
 */
export function foreignLoadsInHtml(html: string, site: URL): string[] {
  const found: string[] = [];
  for (const match of html.matchAll(
    /<(script|img|iframe|source|video|audio|embed|object|form|link)\b[^>]*?\s(src|srcset|action|data|poster|href)="([^"]+)"/gi,
  )) {
    const [tag, attribute, value] = [match[1] as string, match[2] as string, match[3] as string];
    if (tag.toLowerCase() === 'link' && /rel="(canonical|alternate)"/i.test(match[0])) {
      if (new URL(value, site).origin !== site.origin) found.push(`<link ${attribute}> vers ${value}`);
      continue;
    }
    if (/^(https?:)?\/\//i.test(value)) found.push(`<${tag} ${attribute}="${value}">`);
  }
  for (const match of html.matchAll(/\sstyle=(?:"([^"]*)"|'([^']*)')/gi)) {
    for (const url of foreignCssUrls(decodeAttribute(match[1] ?? match[2] ?? ''), site)) found.push(`style="…url(${url})…"`);
  }
  for (const match of html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)) {
    for (const url of foreignCssUrls(match[1] as string, site)) found.push(`<style> url(${url})`);
  }
  for (const match of html.matchAll(/<meta\b[^>]*http-equiv=["']?refresh["']?[^>]*>/gi)) {
    const content = decodeAttribute(
      /\scontent=(?:"([^"]*)"|'([^']*)')/i
        .exec(match[0])
        ?.slice(1)
        .find((v) => v !== undefined) ?? '',
    );
    const target = /url\s*=\s*['"]?([^'"]+)/i.exec(content)?.[1] ?? '';
    if (isForeign(target, site)) found.push(`<meta http-equiv="refresh"> vers ${target}`);
  }
  return found;
}
