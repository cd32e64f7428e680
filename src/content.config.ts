/**
 * The content collections: the files under the top-level content/ folder, validated by the same
 * plain-TypeScript schemas that scripts and tests use (src/lib/content).
 */
import { defineCollection } from 'astro:content';
import { file, glob } from 'astro/loaders';
import { organisationSchema } from './lib/content/organisation-schema.ts';
import { pageSchema } from './lib/content/page-schema.ts';
import { serviceSchema } from './lib/content/service-schema.ts';
import { whereToAskSchema } from './lib/content/where-to-ask-schema.ts';

// Benchmarks and tests build the site on generated content: PASSERELLE_CONTENT_DIR points elsewhere.
const contentDir = process.env.PASSERELLE_CONTENT_DIR ?? './content';

// The id is the file name as written (already a lowercase slug, checked by content:check).
const fileNameId = ({ entry }: { entry: string }): string => entry.replace(/\.(ya?ml|md)$/, '');

export const collections = {
  services: defineCollection({
    // No raw YAML kept next to the parsed data: half the memory at 10,000 services, and a confidential
    // address (dropped by the schema) does not survive in the file's text.
    loader: glob({ pattern: '*.yaml', base: `${contentDir}/services`, generateId: fileNameId, retainBody: false }),
    schema: serviceSchema,
  }),
  organisations: defineCollection({
    loader: glob({ pattern: '*.yaml', base: `${contentDir}/organisations`, generateId: fileNameId, retainBody: false }),
    schema: organisationSchema,
  }),
  pages: defineCollection({
    loader: glob({ pattern: '*.md', base: `${contentDir}/pages`, generateId: fileNameId }),
    schema: pageSchema,
  }),
  // One file, one entry per key: where to ask when no service is known nearby.
  whereToAsk: defineCollection({
    loader: file(`${contentDir}/ou-demander.yaml`),
    schema: whereToAskSchema,
  }),
};
