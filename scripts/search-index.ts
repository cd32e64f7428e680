/**
 * npm run search:index: builds the search documents from the content and replaces the Meilisearch
 * index atomically (fresh index, settings, documents, swap, old one deleted; on failure the fresh
 * one is deleted and the live one stays). Needs Meilisearch 1.18 or later.
 * Needs MEILISEARCH_URL and MEILISEARCH_ADMIN_KEY; MEILISEARCH_INDEX names the index (services), the
 * same name as the site's PUBLIC_MEILISEARCH_INDEX.
 * The admin key is read here only: the site gets the search-only key (PUBLIC_MEILISEARCH_SEARCH_KEY).
 */
import { replaceMeilisearchIndex } from '../src/lib/search/meilisearch-engine.ts';
import { buildSearchDocuments } from '../src/lib/search/search-documents.ts';
import { DEFAULT_CONTENT_DIR, formatProblem, loadContent } from './lib/content-files.ts';

const url = process.env.MEILISEARCH_URL;
const adminKey = process.env.MEILISEARCH_ADMIN_KEY;
if (!url) {
  console.error(
    'MEILISEARCH_URL n’est pas défini : donnez l’adresse du serveur Meilisearch (par exemple http://localhost:7700) et MEILISEARCH_ADMIN_KEY.',
  );
  process.exit(2);
}

const { services, organisations, problems } = loadContent(process.env.PASSERELLE_CONTENT_DIR ?? DEFAULT_CONTENT_DIR);
const errors = problems.filter((p) => p.severity === 'erreur');
if (errors.length) {
  console.error(`Le contenu a ${errors.length} erreur(s) : corrigez-les avant d’indexer.\n${errors.map(formatProblem).join('\n')}`);
  process.exit(1);
}

try {
  const documents = buildSearchDocuments(services, organisations);
  await replaceMeilisearchIndex(
    { url, ...(adminKey ? { adminKey } : {}), ...(process.env.MEILISEARCH_INDEX ? { indexUid: process.env.MEILISEARCH_INDEX } : {}) },
    documents,
    (message) => console.log(message),
  );
} catch (error) {
  console.error(`L’indexation Meilisearch a échoué : ${(error as Error).message}`);
  process.exit(1);
}
