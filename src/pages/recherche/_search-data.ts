/** The search documents and manifest of this build, computed once for every search feed. */
import { getSiteContent } from '../../data/content.ts';
import { buildSearchDocuments } from '../../lib/search/search-documents.ts';
import type { SearchDocument } from '../../lib/search/search-model.ts';
import { buildSearchManifest, type SearchManifest } from '../../lib/search/search-shards.ts';
import { listDepartements, listRegions } from '../../lib/territories/territory-data.ts';

let built: Promise<{ documents: SearchDocument[]; manifest: SearchManifest }> | undefined;

export function searchIndexData(): Promise<{ documents: SearchDocument[]; manifest: SearchManifest }> {
  built ??= getSiteContent().then(({ services, organisations }) => {
    const documents = buildSearchDocuments(services, organisations);
    return { documents, manifest: buildSearchManifest(documents, listDepartements(), listRegions()) };
  });
  return built;
}

/** A JSON file response. */
export function jsonResponse(data: unknown): Response {
  return new Response(JSON.stringify(data), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
}
