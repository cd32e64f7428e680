/**
 * Self-hosting with Caddy (deploy/Caddyfile, Debian's `caddy`): Caddy serves the built files with
 * their precompressed forms and the site's headers, and hands only the routes rendered on demand to
 * `npm run serve` (TRUST_PROXY=1). The home page, a feed and a referral answer must come out as
 * they do from `npm run serve` alone. Skipped where caddy is not installed (.ci/run installs it).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { PROJECT_ROOT } from '../../scripts/lib/site-build.ts';
import { freePort, rawRequest, waitForHttp } from '../support/http-helpers.ts';
import { serveSite, type ServedSite } from '../support/referral-site.ts';

const baseUrl = inject('baseUrl');
const outDir = inject('outDir');
const caddyInstalled = spawnSync('caddy', ['version'], { stdio: 'ignore' }).status === 0;

let node: ServedSite;
let caddy: ChildProcess;
let caddyUrl: string;
const caddyLog: string[] = [];

/** The security headers, as the site sends them (Caddy adds its own Server header, nothing else differs). */
const SECURITY_HEADERS = [
  'content-security-policy',
  'referrer-policy',
  'permissions-policy',
  'x-content-type-options',
  'x-frame-options',
  'cross-origin-opener-policy',
  'cross-origin-resource-policy',
];
const securityOf = (headers: Headers): Record<string, string | null> =>
  Object.fromEntries(SECURITY_HEADERS.map((name) => [name, headers.get(name)]));

describe.skipIf(!caddyInstalled)('through Caddy', () => {
  beforeAll(async () => {
    node = await serveSite(outDir, { TRUST_PROXY: '1' });
    const port = await freePort();
    caddyUrl = `http://127.0.0.1:${port}`;
    const home = mkdtempSync(join(tmpdir(), 'passerelle-caddy-'));
    caddy = spawn('caddy', ['run', '--config', join(PROJECT_ROOT, 'deploy/Caddyfile'), '--adapter', 'caddyfile'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        HOME: home,
        XDG_DATA_HOME: home,
        XDG_CONFIG_HOME: home,
        PASSERELLE_SITE: caddyUrl,
        PASSERELLE_CLIENT: join(outDir, 'client'),
        PASSERELLE_NODE: new URL(node.baseUrl).host,
      },
    });
    caddy.stdout?.on('data', (chunk: Buffer) => caddyLog.push(chunk.toString()));
    caddy.stderr?.on('data', (chunk: Buffer) => caddyLog.push(chunk.toString()));
    await waitForHttp(`${caddyUrl}/`, 20_000).catch((error: unknown) => {
      throw new Error(`${String(error)}\n${caddyLog.join('')}`);
    });
  });
  afterAll(async () => {
    caddy?.kill('SIGTERM');
    await node?.stop();
  });

  it('sends the home page as npm run serve does, brotli-compressed from the build', async () => {
    const direct = await fetch(`${baseUrl}/`);
    const proxied = await fetch(`${caddyUrl}/`, { headers: { 'Accept-Encoding': 'br' } });
    expect(proxied.status).toBe(200);
    expect(proxied.headers.get('content-encoding')).toBe('br');
    expect(proxied.headers.get('vary')).toContain('Accept-Encoding');
    expect(proxied.headers.get('content-type')).toBe(direct.headers.get('content-type'));
    expect(securityOf(proxied.headers)).toEqual(securityOf(direct.headers));
    expect(await proxied.text()).toBe(await direct.text());
  });

  it('sends a map feed as npm run serve does', async () => {
    const path = '/carte/departements.geojson';
    const direct = await fetch(`${baseUrl}${path}`, { headers: { 'Accept-Encoding': 'gzip' } });
    const proxied = await fetch(`${caddyUrl}${path}`, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(proxied.status).toBe(200);
    expect(proxied.headers.get('content-encoding')).toBe('gzip');
    expect(proxied.headers.get('content-type')).toBe(direct.headers.get('content-type'));
    expect(securityOf(proxied.headers)).toEqual(securityOf(direct.headers));
    expect(await proxied.text()).toBe(await direct.text());
  });

  it('hands the referral endpoint to Node and returns its answer unchanged', async () => {
    const ask = (base: string): Promise<Response> =>
      fetch(`${base}/api/orientation`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: base, Accept: 'application/json' },
        body: JSON.stringify({ consent: true }),
      });
    const direct = await ask(baseUrl);
    const proxied = await ask(caddyUrl);
    expect(proxied.status).toBe(422);
    expect(proxied.status).toBe(direct.status);
    expect(securityOf(proxied.headers)).toEqual(securityOf(direct.headers));
    expect(await proxied.json()).toEqual(await direct.json());
  });

  it('answers the 404 page, keeps the build’s server files private, and refuses other methods', async () => {
    const missing = await fetch(`${caddyUrl}/page-qui-n-existe-pas/`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toBe(await (await fetch(`${baseUrl}/page-qui-n-existe-pas/`)).text());
    expect(securityOf(missing.headers)).toEqual(securityOf((await fetch(`${baseUrl}/page-qui-n-existe-pas/`)).headers));
    for (const path of ['/_headers', '/_heade%72s', '//_headers', '/_passerelle.caddy'])
      expect((await rawRequest(`${caddyUrl}${path}`)).status, path).toBe(404);
    for (const [method, path] of [
      ['TRACE', '/api/orientation/'],
      ['TRACE', '/orienter/'],
      ['PUT', '/'],
      ['DELETE', '/carte/departements.geojson'],
      ['POST', '/'],
    ] as const) {
      expect((await rawRequest(`${caddyUrl}${path}`, { method })).status, `${method} ${path}`).toBe(405);
    }
  });
});
