/**
 * The territory files the site reads are compiled from sources kept in the repository: the command
 * run from a clone must rewrite them byte for byte, so nobody needs a folder outside the project.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const committed = join(root, 'src/lib/territories/data');
const out = mkdtempSync(join(tmpdir(), 'passerelle-territories-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('npm run territories:build', () => {
  it('rebuilds the committed territory files byte for byte from scripts/data/territories', () => {
    const run = spawnSync(process.execPath, [join(root, 'scripts/build-territories.ts'), '--out', out], {
      cwd: tmpdir(),
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/35009 communes, 101 départements, 18 régions/);
    const built = readdirSync(out).sort();
    expect(built).toEqual(
      readdirSync(committed)
        .filter((name) => name !== 'SOURCES.md')
        .sort(),
    );
    for (const name of built) {
      expect(readFileSync(join(out, name)).equals(readFileSync(join(committed, name))), name).toBe(true);
    }
  }, 60_000);
});
