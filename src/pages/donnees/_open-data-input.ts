/** The content and site URL every open-data file is built from, read once per build. */
import { getSiteContent } from '../../data/content.ts';
import type { OpenDataInput } from '../../lib/exports/open-data.ts';

/** Services, organisations and the absolute site URL (from `site` in astro.config.mjs). */
export async function openDataInput(site: URL | undefined): Promise<OpenDataInput> {
  const { services, organisations } = await getSiteContent();
  return { services, organisations, siteUrl: (site ?? new URL('http://localhost:4321')).href };
}

/** A JSON file response. */
export function jsonResponse(body: unknown, contentType = 'application/json'): Response {
  return new Response(JSON.stringify(body, null, 1), { headers: { 'Content-Type': `${contentType}; charset=utf-8` } });
}
