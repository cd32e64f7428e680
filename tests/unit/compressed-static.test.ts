import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createCompressedStatic } from '../../scripts/lib/compressed-static.ts';

const page = '<!doctype html><title>Passerelle</title>' + '<p>Médiation familiale, espaces de rencontre.</p>'.repeat(100);

function site(): string {
  const dir = mkdtempSync(join(tmpdir(), 'passerelle-gzip-'));
  mkdirSync(join(dir, 'departements/62-pas-de-calais'), { recursive: true });
  mkdirSync(join(dir, '_astro'));
  writeFileSync(join(dir, 'departements/62-pas-de-calais/index.html'), page);
  writeFileSync(join(dir, '_astro/client.abc.js'), 'export const a = 1;\n'.repeat(200));
  writeFileSync(join(dir, 'petit.json'), '{"a":1}');
  writeFileSync(join(dir, 'logo.png'), Buffer.alloc(4096));
  return dir;
}

describe('compressed static files (npm run serve)', () => {
  it('sends a page gzip-compressed, with its type and caching, to a client that takes gzip', () => {
    const lookup = createCompressedStatic(site());
    const file = lookup('/departements/62-pas-de-calais/', 'gzip, deflate, br');
    expect(file?.headers).toMatchObject({ 'Content-Type': 'text/html; charset=utf-8', 'Content-Encoding': 'gzip', Vary: 'Accept-Encoding', 'Cache-Control': 'public, max-age=0' });
    expect(gunzipSync(file!.body).toString()).toBe(page);
    expect(file!.body.length).toBeLessThan(page.length / 5);
    expect(lookup('/_astro/client.abc.js', 'gzip')?.headers['Cache-Control']).toBe('public, max-age=31536000, immutable');
  });

  it('leaves to the adapter what it should not compress or cannot find', () => {
    const lookup = createCompressedStatic(site());
    expect(lookup('/departements/62-pas-de-calais/', undefined)).toBeUndefined();
    expect(lookup('/departements/62-pas-de-calais/', 'identity')).toBeUndefined();
    expect(lookup('/departements/62-pas-de-calais', 'gzip')).toBeUndefined();
    expect(lookup('/petit.json', 'gzip')).toBeUndefined();
    expect(lookup('/logo.png', 'gzip')).toBeUndefined();
    expect(lookup('/absent/', 'gzip')).toBeUndefined();
    expect(lookup('/../../etc/passwd', 'gzip')).toBeUndefined();
    expect(lookup('/%2e%2e/%2e%2e/etc/hosts', 'gzip')).toBeUndefined();
  });

  it('compresses again a file changed on disk', () => {
    const dir = site();
    const lookup = createCompressedStatic(dir);
    const before = lookup('/departements/62-pas-de-calais/', 'gzip');
    const changed = page.replace('Passerelle', 'Passerelle, nouvelle version');
    writeFileSync(join(dir, 'departements/62-pas-de-calais/index.html'), changed);
    const after = lookup('/departements/62-pas-de-calais/', 'gzip');
    expect(gunzipSync(after!.body).toString()).toBe(changed);
    expect(after!.headers.ETag).not.toBe(before!.headers.ETag);
  });
});
