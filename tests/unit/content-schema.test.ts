/** The JSON Schemas for editors (public/schemas): up to date with the zod schemas, and useful in a YAML editor. */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { CONTENT_SCHEMA_FILES, contentJsonSchemas } from '../../scripts/lib/content-json-schema.ts';
import { parseYaml } from '../../scripts/lib/content-files.ts';

const root = resolve(import.meta.dirname, '../..');
const fixture = (file: string): unknown => parseYaml(readFileSync(join(root, 'tests/fixtures/content-check/content', file), 'utf8'));
const generated = contentJsonSchemas();

describe('public/schemas', () => {
  it.each(Object.entries(CONTENT_SCHEMA_FILES))('%s: the committed file is up to date (run npm run content:schema)', (collection, file) => {
    expect(readFileSync(join(root, 'public', file), 'utf8')).toBe(generated[collection as keyof typeof generated]);
  });

  it('describes every field of a service in French, at every level', () => {
    const schema = JSON.parse(generated.services) as Record<string, unknown>;
    const undescribed: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (!node || typeof node !== 'object') return;
      const properties = (node as { properties?: Record<string, Record<string, unknown>> }).properties;
      for (const [key, child] of Object.entries(properties ?? {})) {
        if (typeof child.description !== 'string' || child.description.length < 5) undescribed.push(`${path}${key}`);
        walk(child, `${path}${key}.`);
        walk(child.items, `${path}${key}[].`);
      }
    };
    walk(schema, '');
    expect(undescribed).toEqual([]);
  });

  it('lists, in the description of every field with a fixed list of values, exactly those values', () => {
    const mismatched: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (!node || typeof node !== 'object') return;
      const properties = (node as { properties?: Record<string, Record<string, unknown>> }).properties;
      for (const [key, child] of Object.entries(properties ?? {})) {
        const values = (child.enum ?? (child.items as { enum?: unknown[] } | undefined)?.enum) as string[] | undefined;
        if (values && !String(child.description).endsWith(`Valeurs possibles : ${values.join(', ')}.`)) mismatched.push(`${path}${key}`);
        walk(child, `${path}${key}.`);
        walk(child.items, `${path}${key}[].`);
      }
    };
    for (const collection of ['services', 'organisations'] as const) walk(JSON.parse(generated[collection]), `${collection}:`);
    expect(mismatched).toEqual([]);
  });

  it('lets a YAML editor accept a valid file and flag a mistyped key or a wrong kind', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    const validate = ajv.compile(JSON.parse(generated.services) as object);
    const service = fixture('services/espace-fictif-des-tilleuls.yaml') as Record<string, unknown>;
    expect(validate(service), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...service, sumary: 'faute de frappe' })).toBe(false);
    expect(validate.errors?.some((e) => e.keyword === 'additionalProperties')).toBe(true);
    expect(validate({ ...service, kinds: ['garderie'] })).toBe(false);
    const organisation = ajv.compile(JSON.parse(generated.organisations) as object);
    expect(organisation(fixture('organisations/association-fictive.yaml'))).toBe(true);
    const whereToAsk = ajv.compile(JSON.parse(generated.whereToAsk) as object);
    const contacts = fixture('ou-demander.yaml') as Record<string, Record<string, unknown>>;
    expect(whereToAsk(contacts), JSON.stringify(whereToAsk.errors)).toBe(true);
    const { excerpt: _excerpt, ...withoutExcerpt } = (contacts['caf-fictive']?.phone as { source: Record<string, unknown> }).source;
    expect(whereToAsk({ 'caf-fictive': { ...contacts['caf-fictive'], phone: { number: '3999', source: withoutExcerpt } } })).toBe(false);
  });
});
