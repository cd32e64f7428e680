/**
 * No import circle in src/, type-only imports included (the lint rule import-x/no-cycle only sees
 * value imports): a type that two modules share lives in a file of its own.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const srcDir = join(import.meta.dirname, '../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Relative imports of a file that point to another TypeScript file of src/. */
function importsOf(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return importedFiles
    .map(({ fileName }) => fileName.split('?')[0] ?? '')
    .filter((name) => name.startsWith('.') && /\.tsx?$/.test(name))
    .map((name) => resolve(dirname(file), name))
    .filter((path) => existsSync(path));
}

/** Every circle of the graph, each as the list of files around it. */
function importCycles(graph: Map<string, string[]>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string): void => {
    state.set(file, 'visiting');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'visiting') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return cycles;
}

describe('imports in src/', () => {
  it('finds a circle when there is one (type-only included)', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['a.ts']],
    ]);
    expect(importCycles(graph)).toEqual([['a.ts', 'b.ts', 'c.ts', 'a.ts']]);
    expect(
      ts
        .preProcessFile("import type { A } from './a.ts';\nexport type { B } from './b.ts';", true, true)
        .importedFiles.map((f) => f.fileName),
    ).toEqual(['./a.ts', './b.ts']);
  });

  it('have no circle', () => {
    const files = sourceFiles(srcDir);
    expect(files.length).toBeGreaterThan(50);
    const graph = new Map(files.map((file) => [file, importsOf(file)]));
    const cycles = importCycles(graph).map((cycle) => cycle.map((file) => relative(srcDir, file)).join(' → '));
    expect(cycles).toEqual([]);
  });
});
