/**
 * The text of a service file as an editor would write it: a new file in the schema's order, or an
 * existing file updated in place with its comments and untouched values kept. Used by the import
 * (scripts/lib/content-writer.ts) and by the contribution form.
 */
import { isMap, isScalar, isSeq, parseDocument, stringify, type Document } from 'yaml';
import type { ServiceInput } from '../content/service-schema.ts';
import { canonicalJson } from './service-changes.ts';

/** YAML 1.1 like the loader, so that "no", "01" or "12:30" are quoted and read back as written. */
const YAML_OPTIONS = { version: '1.1', lineWidth: 0 } as const;

/** The text of a new service file. */
export function serviceYaml(input: ServiceInput): string {
  return stringify(input, YAML_OPTIONS);
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);

/**
 * Makes the value at `path` equal `value`, touching only what differs (keys of a map, items of a list
 * one by one, new items added at the end), so that comments on untouched values stay.
 */
function assign(doc: Document, path: (string | number)[], value: unknown): void {
  const node = doc.getIn(path, true);
  const current: unknown =
    node && typeof node === 'object' && 'toJS' in node ? (node as { toJS: (d: Document) => unknown }).toJS(doc) : node;
  if (canonicalJson(current) === canonicalJson(value)) return;
  if (isMap(node) && isPlainObject(value) && isPlainObject(current)) {
    for (const key of Object.keys(current)) if (!(key in value)) doc.deleteIn([...path, key]);
    const keys = Object.keys(value);
    keys.forEach((key, index) => {
      if (key in current) return assign(doc, [...path, key], value[key]);
      // A new key goes before the first key that follows it in the value (the schema's order).
      const before = node.items.findIndex((pair) => keys.indexOf(String(isScalar(pair.key) ? pair.key.value : pair.key)) > index);
      node.items.splice(before < 0 ? node.items.length : before, 0, doc.createPair(key, value[key]));
    });
    return;
  }
  if (isSeq(node) && Array.isArray(value) && Array.isArray(current)) {
    for (let index = current.length - 1; index >= value.length; index--) doc.deleteIn([...path, index]);
    value.forEach((child, index) =>
      index < current.length ? assign(doc, [...path, index], child) : doc.addIn(path, doc.createNode(child)),
    );
    return;
  }
  doc.setIn(path, doc.createNode(value));
}

/** An existing file's text with the changed top-level fields updated in place, added or removed; the rest untouched. */
export function updatedServiceYaml(existingText: string, input: ServiceInput, changedFields: readonly string[]): string {
  const doc = parseDocument(existingText, { version: '1.1' });
  const values = input as Record<string, unknown>;
  const changed = new Set(changedFields);
  const current = doc.toJS() as Record<string, unknown>;
  // The file's own value for every field that did not change (left alone), the input's for the others;
  // in the input's order (the schema's), so that a new field takes its place among the others.
  const target: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(values)) {
    if (changed.has(field) ? value !== undefined : field in current) target[field] = changed.has(field) ? value : current[field];
  }
  for (const field of Object.keys(current)) if (!(field in target) && !changed.has(field)) target[field] = current[field];
  assign(doc, [], target);
  // No padding inside [a, b]: flow lists stay as editors write them.
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}
