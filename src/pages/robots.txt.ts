/** /robots.txt: crawling allowed except the API, and where the sitemap is. */
import type { APIRoute } from 'astro';
import { renderRobotsTxt } from '../lib/site/site-pages.ts';

export const GET: APIRoute = ({ site }) =>
  new Response(renderRobotsTxt(site ?? 'http://localhost:4321'), { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
