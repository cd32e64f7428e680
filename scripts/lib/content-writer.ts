/**
 * Writes imported services into the content folder: new files in the same YAML form editors write,
 * existing files updated in place (comments and untouched values kept, down to each place's fields),
 * every file through a temporary file and a rename, and only once the whole import has been checked.
 * The texts themselves come from src/lib/editing/service-yaml.ts, shared with the contribution form.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serviceYaml, updatedServiceYaml } from '../../src/lib/editing/service-yaml.ts';
import type { PlannedEntry } from '../../src/lib/editing/service-import.ts';
import { parseYaml } from './content-files.ts';

/** The file of a service (the site reads `.yaml` files only). */
export function serviceFilePath(contentDir: string, id: string): string {
  return join(contentDir, 'services', `${id}.yaml`);
}

/** A service file's YAML as data (what an import starts from), or undefined when it has none. */
export function readServiceFile(contentDir: string, id: string): unknown {
  const path = serviceFilePath(contentDir, id);
  return existsSync(path) ? parseYaml(readFileSync(path, 'utf8')) : undefined;
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
      const path = serviceFilePath(contentDir, entry.id);
      const text =
        entry.action === 'modification' && existsSync(path)
          ? updatedServiceYaml(
              readFileSync(path, 'utf8'),
              entry.input,
              entry.changes.map((c) => c.field),
            )
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
