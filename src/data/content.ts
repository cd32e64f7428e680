/**
 * The only module that calls getCollection. It returns plain lib types, memoized for the build,
 * and fails the build on content errors (the same cross-entry rules as `npm run content:check`).
 */
import { getCollection, render, type CollectionEntry } from 'astro:content';
import { formatProblem } from '../lib/content/content-errors.ts';
import { crossCheckContent } from '../lib/content/content-validation.ts';
import type { Organisation } from '../lib/content/organisation-schema.ts';
import type { Service } from '../lib/content/service-schema.ts';
import type { WhereToAskContact } from '../lib/content/where-to-ask-schema.ts';

export interface SiteContent {
  services: Service[];
  organisations: Organisation[];
  servicesById: Map<string, Service>;
  organisationsById: Map<string, Organisation>;
}

let loaded: Promise<SiteContent> | undefined;
let whereToAsk: Promise<WhereToAskContact[]> | undefined;

async function load(): Promise<SiteContent> {
  const services = (await getCollection('services')).map((entry) => ({ ...entry.data, id: entry.id }));
  const organisations = (await getCollection('organisations')).map((entry) => ({ ...entry.data, id: entry.id }));
  services.sort((a, b) => a.name.localeCompare(b.name, 'fr'));
  organisations.sort((a, b) => a.name.localeCompare(b.name, 'fr'));
  const errors = crossCheckContent({ services, organisations, fileOf: (collection, id) => `content/${collection}/${id}.yaml` }).filter(
    (problem) => problem.severity === 'erreur',
  );
  if (errors.length) throw new Error(`Contenu invalide :\n${errors.map(formatProblem).join('\n')}`);
  return {
    services,
    organisations,
    servicesById: new Map(services.map((s) => [s.id, s])),
    organisationsById: new Map(organisations.map((o) => [o.id, o])),
  };
}

/** Every service and organisation, checked. */
export function getSiteContent(): Promise<SiteContent> {
  loaded ??= load();
  return loaded;
}

/** Editorial pages, ordered. */
export async function getInformationPages(): Promise<CollectionEntry<'pages'>[]> {
  const pages = await getCollection('pages');
  return pages.sort((a, b) => a.data.order - b.data.order || a.data.title.localeCompare(b.data.title, 'fr'));
}

/** The rendered Markdown body of an editorial page (its Content component and headings). */
export function renderInformationPage(page: CollectionEntry<'pages'>): ReturnType<typeof render> {
  return render(page);
}

/** Where to ask when no service is known nearby (content/ou-demander.yaml), by display order. */
export async function getWhereToAsk(): Promise<WhereToAskContact[]> {
  whereToAsk ??= getCollection('whereToAsk').then((entries) =>
    entries.map((entry) => ({ ...entry.data, id: entry.id })).sort((a, b) => a.order - b.order),
  );
  return whereToAsk;
}
