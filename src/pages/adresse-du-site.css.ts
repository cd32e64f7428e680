/** /adresse-du-site.css: the real site's address, for printed internal links (src/lib/site/print-links.ts). */
import type { APIRoute } from 'astro';
import { printSiteStylesheet } from '../lib/site/print-links.ts';

export const GET: APIRoute = ({ site }) =>
  new Response(printSiteStylesheet(site ?? 'http://localhost:4321'), { headers: { 'Content-Type': 'text/css; charset=utf-8' } });
