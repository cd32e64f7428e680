/**
 * The code is as Prettier writes it (`npm run format:check`, run here beside the other test files
 * rather than before them): a file written otherwise is named, with the command that mends it.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');

it('finds every file formatted as Prettier writes it', { timeout: 120_000 }, () => {
  const check = spawnSync(process.execPath, [join(root, 'node_modules/prettier/bin/prettier.cjs'), '--check', '.', '--log-level', 'warn'], {
    cwd: root,
    encoding: 'utf8',
  });
  const unformatted = [...check.stderr.matchAll(/^\[warn\] (.+)$/gm)]
    .map((match) => match[1])
    .filter((line) => !line?.startsWith('Code style issues'));
  expect(unformatted, 'fichiers à mettre en forme avec « npm run format »').toEqual([]);
  expect(check.status, check.stderr).toBe(0);
});
