/**
 * JSON Schemas for editors, generated from the zod schemas (z.toJSONSchema): an editor's YAML editor
 * reads them through the `# yaml-language-server: $schema=…` line at the top of each content file and
 * shows every field's French description, completes keys and flags mistyped ones.
 */
import { z } from 'astro/zod';
import { organisationSchema } from '../../src/lib/content/organisation-schema.ts';
import { serviceSchema } from '../../src/lib/content/service-schema.ts';
import { whereToAskSchema } from '../../src/lib/content/where-to-ask-schema.ts';

/** Output files under public/, by collection. */
export const CONTENT_SCHEMA_FILES = {
  services: 'schemas/service.schema.json',
  organisations: 'schemas/organisation.schema.json',
  whereToAsk: 'schemas/ou-demander.schema.json',
} as const;

function toEditorSchema(schema: z.ZodType, title: string, file: string): Record<string, unknown> {
  // "input": what editors write (defaults optional). Dates may be written unquoted (YAML dates): the
  // z.date() branch has no JSON form, so it becomes "any" and the string branch keeps the pattern.
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;
  return { ...json, $id: `https://passerelle.localhost/${file}`, title };
}

/** The schemas, as pretty-printed JSON text (what the committed files must contain). */
export function contentJsonSchemas(): Record<keyof typeof CONTENT_SCHEMA_FILES, string> {
  return {
    services: `${JSON.stringify(toEditorSchema(serviceSchema, 'Fiche service Passerelle (content/services/*.yaml)', CONTENT_SCHEMA_FILES.services), null, 2)}\n`,
    organisations: `${JSON.stringify(toEditorSchema(organisationSchema, 'Fiche organisation Passerelle (content/organisations/*.yaml)', CONTENT_SCHEMA_FILES.organisations), null, 2)}\n`,
    // One file, one contact per key.
    whereToAsk: `${JSON.stringify(toEditorSchema(z.record(z.string(), whereToAskSchema), 'Où se renseigner, Passerelle (content/ou-demander.yaml)', CONTENT_SCHEMA_FILES.whereToAsk), null, 2)}\n`,
  };
}
