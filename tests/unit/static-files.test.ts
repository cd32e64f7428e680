/**
 * The Node server's static files (scripts/lib/static-files.ts) on a small folder compressed by the
 * build step (scripts/lib/precompress.ts): served by `send` in the form the client prefers, with
 * ETag, 304 and Range; private files and paths outside the folder never reached.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompressDirectory } from '../../scripts/lib/precompress.ts';
import { createStaticFiles, sitePath } from '../../scripts/lib/static-files.ts';

const page = '<!doctype html><title>Passerelle</title>' + '<p>Médiation familiale, espaces de rencontre.</p>'.repeat(100);
const feed = JSON.stringify({ type: 'FeatureCollection', features: Array.from({ length: 200 }, (_, i) => ({ type: 'Feature', id: i })) });

let dir: string;
let server: Server;
let base: string;

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A raw HTTP request: fetch would decompress, merge slashes or refuse TRACE. */
function ask(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'passerelle-static-'));
  mkdirSync(join(dir, 'departements/62-pas-de-calais'), { recursive: true });
  mkdirSync(join(dir, '_astro'));
  writeFileSync(join(dir, 'index.html'), page.replace('Passerelle', 'Accueil'));
  writeFileSync(join(dir, 'departements/62-pas-de-calais/index.html'), page);
  writeFileSync(join(dir, 'carte.geojson'), feed);
  writeFileSync(join(dir, '_astro/client.abc.js'), 'export const a = 1;\n'.repeat(200));
  writeFileSync(join(dir, 'petit.json'), '{"a":1}');
  writeFileSync(join(dir, 'logo.png'), Buffer.alloc(4096));
  writeFileSync(join(dir, '_headers'), '/*\n  X-Content-Type-Options: nosniff\n' + '#'.repeat(2000));
  await precompressDirectory(dir);
  const files = createStaticFiles(dir);
  server = createServer((req, res) => {
    const path = sitePath(req.url);
    if (path === undefined || !files.serve(req, res, path)) res.writeHead(404).end('suite');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));

describe('precompression at build time', () => {
  it('writes brotli and gzip forms beside text files worth compressing, and only them', () => {
    expect(brotliDecompressSync(readFileSync(join(dir, 'departements/62-pas-de-calais/index.html.br'))).toString()).toBe(page);
    expect(gunzipSync(readFileSync(join(dir, 'carte.geojson.gz'))).toString()).toBe(feed);
    expect(existsSync(join(dir, 'petit.json.br'))).toBe(false);
    expect(existsSync(join(dir, 'logo.png.gz'))).toBe(false);
    expect(existsSync(join(dir, '_headers.gz'))).toBe(false);
  });
});

describe('static files (npm run serve)', () => {
  it('sends the form the client prefers, with its own type, Content-Encoding and Vary', async () => {
    const br = await ask('/departements/62-pas-de-calais/', { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(br.headers).toMatchObject({ 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'br', vary: 'Accept-Encoding' });
    expect(brotliDecompressSync(br.body).toString()).toBe(page);
    const gz = await ask('/carte.geojson', { 'Accept-Encoding': 'gzip' });
    expect(gz.headers).toMatchObject({ 'content-type': 'application/geo+json', 'content-encoding': 'gzip', vary: 'Accept-Encoding' });
    expect(gunzipSync(gz.body).toString()).toBe(feed);
  });

  it('honours q-values: gzip;q=0 is a refusal, and an uncompressed answer still says it varies', async () => {
    const refused = await ask('/carte.geojson', { 'Accept-Encoding': 'gzip;q=0, br;q=0' });
    expect(refused.headers['content-encoding']).toBeUndefined();
    expect(refused.headers.vary).toBe('Accept-Encoding');
    expect(refused.body.toString()).toBe(feed);
    expect((await ask('/carte.geojson', { 'Accept-Encoding': 'br;q=0, gzip' })).headers['content-encoding']).toBe('gzip');
    // Equal q-values: brotli, the smaller, whatever the order the client listed them in.
    expect((await ask('/carte.geojson', { 'Accept-Encoding': 'gzip, br' })).headers['content-encoding']).toBe('br');
    const plain = await ask('/departements/62-pas-de-calais/');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toBe('Accept-Encoding');
    expect(plain.body.toString()).toBe(page);
  });

  it('answers 304 to a matching If-None-Match, a list that holds it, and *', async () => {
    const first = await ask('/carte.geojson', { 'Accept-Encoding': 'br' });
    const etag = first.headers.etag as string;
    expect(etag).toBeTruthy();
    expect((await ask('/carte.geojson', { 'Accept-Encoding': 'br', 'If-None-Match': etag })).status).toBe(304);
    expect((await ask('/carte.geojson', { 'Accept-Encoding': 'br', 'If-None-Match': `W/"autre", ${etag}` })).status).toBe(304);
    expect((await ask('/carte.geojson', { 'Accept-Encoding': 'br', 'If-None-Match': '*' })).status).toBe(304);
    // Each form has its own validator: a gzip ETag does not validate the brotli bytes.
    const gzipEtag = (await ask('/carte.geojson', { 'Accept-Encoding': 'gzip' })).headers.etag as string;
    expect(gzipEtag).not.toBe(etag);
    expect((await ask('/carte.geojson', { 'Accept-Encoding': 'br', 'If-None-Match': gzipEtag })).status).toBe(200);
  });

  it('answers a Range request with the bytes asked for', async () => {
    const part = await ask('/carte.geojson', { Range: 'bytes=0-9' });
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 0-9/${Buffer.byteLength(feed)}`);
    expect(part.body.toString()).toBe(feed.slice(0, 10));
  });

  it('answers HEAD without a body, and 405 with Allow to PUT, DELETE and POST', async () => {
    const head = await ask('/carte.geojson', { 'Accept-Encoding': 'br' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    for (const method of ['PUT', 'DELETE', 'POST']) {
      const answer = await ask('/carte.geojson', {}, method);
      expect(answer.status, method).toBe(405);
      expect(answer.headers.allow, method).toBe('GET, HEAD');
    }
  });

  it('never publishes _headers, whatever the spelling, nor a path outside the folder', async () => {
    for (const path of ['/_headers', '/_heade%72s', '//_headers', '/x/../_headers', '/%2e%2e/%2e%2e/etc/hosts', '/../../etc/passwd']) {
      const answer = await ask(path);
      expect(answer.status, path).toBe(404);
      expect(answer.body.toString(), path).toBe('suite');
    }
  });

  it('reads "//x" as a path, never as a host', async () => {
    expect(sitePath('//nexistepas')).toBe('/nexistepas');
    expect(sitePath('//orienter/?a=1')).toBe('/orienter/');
    expect(sitePath('/a/%2e%2e/b/')).toBe('/b/');
    expect(sitePath('http://exemple.test/')).toBeUndefined();
    expect(sitePath('/%E0%A4%A')).toBeUndefined();
    expect((await ask('//nexistepas', { 'Accept-Encoding': 'gzip' })).body.toString()).toBe('suite');
    expect((await ask('//departements/62-pas-de-calais/', { 'Accept-Encoding': 'gzip' })).status).toBe(200);
  });

  it('leaves to the next handler what is not a file: folders without their slash, missing files', async () => {
    expect((await ask('/departements/62-pas-de-calais')).body.toString()).toBe('suite');
    expect((await ask('/absent/')).body.toString()).toBe('suite');
    expect((await ask('/logo.png', { 'Accept-Encoding': 'gzip' })).headers['content-encoding']).toBeUndefined();
  });
});

describe('a large file does not hold up the others', () => {
  it('answers a small page while a client is still receiving a large feed', async () => {
    const big = mkdtempSync(join(tmpdir(), 'passerelle-static-big-'));
    writeFileSync(
      join(big, 'services.geojson'),
      JSON.stringify({ type: 'FeatureCollection', features: [], padding: 'x'.repeat(8 * 1024 * 1024) }),
    );
    writeFileSync(join(big, 'index.html'), page);
    await precompressDirectory(big);
    const files = createStaticFiles(big);
    const bigServer = createServer((req, res) => {
      const path = sitePath(req.url);
      if (path === undefined || !files.serve(req, res, path)) res.writeHead(404).end();
    });
    await new Promise<void>((done) => bigServer.listen(0, '127.0.0.1', done));
    const { port } = bigServer.address() as { port: number };
    try {
      // A slow client: takes the first bytes of the uncompressed feed, then stops reading.
      const firstBytes = await new Promise<{ received: number; stop: () => void }>((resolve, reject) => {
        const req = httpRequest(
          { host: '127.0.0.1', port, path: '/services.geojson', headers: { 'Accept-Encoding': 'identity' } },
          (res) => {
            res.once('data', (chunk: Buffer) => {
              res.pause();
              resolve({ received: chunk.length, stop: () => req.destroy() });
            });
          },
        );
        req.on('error', reject);
        req.end();
      });
      expect(firstBytes.received).toBeGreaterThan(0);
      const small = await fetch(`http://127.0.0.1:${port}/`);
      expect(small.status).toBe(200);
      expect(await small.text()).toBe(page);
      firstBytes.stop();
    } finally {
      await new Promise<void>((done) => bigServer.close(() => done()));
    }
  });
});
