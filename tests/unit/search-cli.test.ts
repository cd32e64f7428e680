import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { SEARCH_FIXTURE_SERVICES } from './search-fixtures.ts';

const root = resolve(import.meta.dirname, '../..');
let contentDir: string;

beforeAll(() => {
  contentDir = mkdtempSync(join(tmpdir(), 'passerelle-search-cli-'));
  for (const folder of ['services', 'organisations', 'pages']) mkdirSync(join(contentDir, folder));
  for (const { id, ...service } of SEARCH_FIXTURE_SERVICES) writeFileSync(join(contentDir, 'services', `${id}.yaml`), stringify(service));
});
afterAll(() => rmSync(contentDir, { recursive: true, force: true }));

function search(...args: string[]) {
  const run = spawnSync(process.execPath, ['scripts/search.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, PASSERELLE_CONTENT_DIR: contentDir },
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

// Each test spawns the command: generous time on a loaded machine (speed is measured by benchmarks).
describe('npm run search', { timeout: 60_000 }, () => {
  it('prints the nearest services first as JSON, with their distance', () => {
    const run = search('médiation', '--near', '62498', '--json');
    expect(run.status).toBe(0);
    const rows = JSON.parse(run.stdout) as { id: string; name: string; kinds: string[]; departement: string; distanceKm: number }[];
    expect(rows.map((r) => r.id)).toEqual(['mf-lens', 'mf-bethune', 'ms-amiens', 'mf-paris']);
    expect(rows[0]).toMatchObject({
      name: 'Médiation familiale du Bassin minier',
      kinds: ['mediation-familiale'],
      departement: '62',
      distanceKm: 0,
    });
    expect(rows.map((r) => r.distanceKm)).toEqual([...rows.map((r) => r.distanceKm)].sort((a, b) => a - b));
  });

  it('filters by kind and département, and limits', () => {
    const run = search('--kind', 'mediation-familiale', '--kind', 'espace-rencontre', '--departement', '62', '--limit', '2', '--json');
    expect(run.status).toBe(0);
    const rows = JSON.parse(run.stdout) as { id: string; distanceKm?: number }[];
    expect(rows.map((r) => r.id)).toEqual(['mf-bethune', 'er-arras']);
    expect(rows[0]?.distanceKm).toBeUndefined();
  });

  it('refuses an unknown INSEE code or kind in French, with a non-zero exit', () => {
    const near = search('x', '--near', '99999', '--json');
    expect(near.status).not.toBe(0);
    expect(near.stdout).toBe('');
    expect(near.stderr).toContain('Code INSEE inconnu : « 99999 »');
    const kind = search('--kind', 'garderie', '--json');
    expect(kind.status).not.toBe(0);
    expect(kind.stderr).toContain('Type de service inconnu : « garderie »');
  });
});
