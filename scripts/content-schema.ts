/**
 * npm run content:schema — writes the JSON Schemas for editors into public/schemas/ from the zod
 * schemas. Run it after changing a schema; a unit test fails while the committed files are stale.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CONTENT_SCHEMA_FILES, contentJsonSchemas } from './lib/content-json-schema.ts';

const publicDir = resolve(import.meta.dirname, '../public');
const schemas = contentJsonSchemas();
for (const collection of Object.keys(CONTENT_SCHEMA_FILES) as (keyof typeof CONTENT_SCHEMA_FILES)[]) {
  const path = join(publicDir, CONTENT_SCHEMA_FILES[collection]);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, schemas[collection]);
  console.log(`Schéma écrit : public/${CONTENT_SCHEMA_FILES[collection]}`);
}
