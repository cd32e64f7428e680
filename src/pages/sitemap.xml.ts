/**
 * /sitemap.xml: every public page (src/lib/site/site-pages.ts), limited to the routes that exist.
 */
import type { APIRoute } from 'astro';
import { getInformationPages, getSiteContent } from '../data/content.ts';
import { listSitePages, renderSitemapXml } from '../lib/site/site-pages.ts';
import { listDepartements, listRegions } from '../lib/territories/territory-data.ts';

// Only the file names matter: the route files tell which pages exist.
const routeFiles = Object.keys(import.meta.glob('./**/*.{astro,md,mdx}')).map((file) => file.replace(/^\.\//, ''));

export const GET: APIRoute = async ({ site }) => {
  const { services } = await getSiteContent();
  const informationPageIds = (await getInformationPages()).map((page) => page.id);
  const pages = listSitePages({ services, departements: listDepartements(), regions: listRegions(), informationPageIds, routeFiles });
  return new Response(renderSitemapXml(pages, site ?? 'http://localhost:4321'), {
    headers: { 'Content-Type': 'application/xml; charset=utf-8' },
  });
};
