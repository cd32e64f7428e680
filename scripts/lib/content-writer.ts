/**
 * Writes imported services into the content folder: new files in the same YAML form editors write,
 * existing files updated in place (comments and untouched fields kept), every file through a temporary
 * file and a rename, and only once the whole import has been checked.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument, stringify } from 'yaml';
import type { ServiceInput } from '../../src/lib/content/service-schema.ts';
import type { PlannedEntry } from '../../src/lib/editing/service-import.ts';

/** YAML 1.1 like the loader, so that "no", "01" or "12:30" are quoted and read back as written. */
const YAML_OPTIONS = { version: '1.1', lineWidth: 0 } as const;

/** The text of a new service file. */
export function serviceYaml(input: ServiceInput): string {
  return stringify(input, YAML_OPTIONS);
}

/** An existing file's text with only the changed top-level fields replaced, added or removed. */
export function updatedServiceYaml(existingText: string, input: ServiceInput, changedFields: readonly string[]): string {
  const doc = parseDocument(existingText, { version: '1.1' });
  const values = input as Record<string, unknown>;
  for (const field of changedFields) {
    if (values[field] === undefined) doc.delete(field);
    else doc.set(field, doc.createNode(values[field]));
  }
  return doc.toString({ lineWidth: 0 });
}

export interface WrittenFile {
  id: string;
  path: string;
}

/**
 * Writes the planned creations and modifications. All texts are prepared first, then written to
 * temporary files, then renamed: a failure leaves no half-written file behind.
 */
export function writeImport(contentDir: string, entries: readonly PlannedEntry[]): WrittenFile[] {
  const dir = join(contentDir, 'services');
  mkdirSync(dir, { recursive: true });
  const pending = entries
    .filter((entry) => entry.action !== 'inchangé')
    .map((entry) => {
      const path = join(dir, `${entry.id}.yaml`);
      const text =
        entry.action === 'modification' && existsSync(path)
          ? updatedServiceYaml(readFileSync(path, 'utf8'), entry.input, entry.changes.map((c) => c.field))
          : serviceYaml(entry.input);
      return { id: entry.id, path, temporary: `${path}.import-${process.pid}.tmp`, text };
    });
  try {
    for (const file of pending) writeFileSync(file.temporary, file.text);
  } catch (error) {
    for (const file of pending) rmSync(file.temporary, { force: true });
    throw error;
  }
  for (const file of pending) renameSync(file.temporary, file.path);
  return pending.map(({ id, path }) => ({ id, path }));
}
