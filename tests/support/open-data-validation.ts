/**
 * Validates Passerelle's open-data files against the published JSON Schemas (copied into
 * tests/fixtures/schemas with their origin and licence) with Ajv, a standard JSON Schema validator.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

const schemasDir = resolve(import.meta.dirname, '../fixtures/schemas');
const readJson = (path: string): Record<string, unknown> => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
// ajv-formats is CommonJS: its default export is the function under Node's ESM interop.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (
  ajv: Ajv2020,
) => Ajv2020;

function newAjv(): Ajv2020 {
  // The schemas carry documentation keywords (example, core, constraints…) that strict mode refuses.
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv;
}

const dataInclusion = newAjv();
const hsds = newAjv();
// HSDS objects reference each other by file name ("phone.json"): register each under that name.
for (const file of readdirSync(join(schemasDir, 'hsds-3.0/objects')))
  hsds.addSchema(readJson(join(schemasDir, 'hsds-3.0/objects', file)), file);

const validators = new Map<string, ValidateFunction>();
function validator(kind: 'data-inclusion' | 'hsds', name: string): ValidateFunction {
  const key = `${kind}/${name}`;
  let validate = validators.get(key);
  if (!validate) {
    validate =
      kind === 'hsds'
        ? (hsds.getSchema(`${name}.json`) as ValidateFunction)
        : dataInclusion.compile(readJson(join(schemasDir, 'data-inclusion-v1', `${name}.json`)));
    validators.set(key, validate);
  }
  return validate;
}

/** Readable errors for every record of an array against a schema ("#3 /telephone must be string"). */
export function schemaErrors(kind: 'data-inclusion' | 'hsds', schema: string, records: readonly unknown[]): string[] {
  const validate = validator(kind, schema);
  return records.flatMap((record, index) =>
    validate(record) ? [] : (validate.errors ?? []).map((e) => `#${index} ${e.instancePath} ${e.message ?? ''}`),
  );
}
