/**
 * The trust fixtures (referral services) built for Netlify and Vercel, and their functions called in this process as
 * each platform calls them: Netlify's with a Web Request and a context (its `ip`), Vercel's through
 * a Node `req`/`res` server, which is how Vercel's Node runtime reaches a function (a module whose
 * default export has `fetch` gets the request turned into a Web Request, its Response written back).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { pathToFileURL } from 'node:url';
import { BUILDS_DIR, buildSite, TARGET_OUTPUTS, writeContentFolder } from '../../scripts/lib/site-build.ts';
import type { DeployTarget } from '../../scripts/lib/deploy-target.ts';
import { trustFixtureServices } from './trust-site.ts';

/**
 * Builds the trust fixtures for a target (Netlify and Vercel write their functions under the
 * project root). With `reuse`, a function already built is kept.
 */
export function buildFixtureTarget(target: Exclude<DeployTarget, 'node'>, { reuse = false }: { reuse?: boolean } = {}): string {
  const outDir = join(BUILDS_DIR, `deploy-${target}`);
  if (reuse && existsSync(target === 'netlify' ? TARGET_OUTPUTS.netlifyFunction : join(TARGET_OUTPUTS.vercelOutput, 'config.json')))
    return outDir;
  const contentDir = writeContentFolder(join(BUILDS_DIR, `deploy-${target}-content`), trustFixtureServices());
  buildSite({ outDir, contentDir, cacheDir: join(BUILDS_DIR, `deploy-${target}-cache`), target }, { quiet: true });
  return outDir;
}

/** Netlify's function: `(request, context) => Response`. */
export type NetlifyFunction = (request: Request, context: { ip: string; requestId: string }) => Promise<Response>;

export async function loadNetlifyFunction(): Promise<NetlifyFunction> {
  return ((await import(pathToFileURL(TARGET_OUTPUTS.netlifyFunction).href)) as { default: NetlifyFunction }).default;
}

/** Vercel's function folder as its .vc-config.json describes it: the module it starts. */
export function vercelFunctionEntry(): string {
  const folder = join(TARGET_OUTPUTS.vercelOutput, 'functions/_render.func');
  const config = JSON.parse(readFileSync(join(folder, '.vc-config.json'), 'utf8')) as { handler: string; launcherType?: string };
  if (config.launcherType !== 'Nodejs') throw new Error(`Fonction Vercel inattendue : launcherType ${config.launcherType}`);
  return join(folder, config.handler);
}

/**
 * A Node server that hands each request to Vercel's function as Vercel's Node runtime does: a
 * `(req, res)` handler is called as it is; a module exporting `fetch` gets a Web Request built from
 * `req`, its body read first (Vercel buffers a function's request body), and the client's address in
 * x-forwarded-for and x-real-ip, as Vercel's edge sets them.
 */
export async function serveVercelFunction(entry: string): Promise<{ url: string; close: () => Promise<void> }> {
  const module = (await import(pathToFileURL(entry).href)) as {
    default: ((req: IncomingMessage, res: ServerResponse) => void) | { fetch: (request: Request) => Promise<Response> };
  };
  const exported = module.default;
  const server: Server = createServer((req, res) => {
    if (typeof exported === 'function') return exported(req, res);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers))
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    headers.set('x-forwarded-for', req.socket.remoteAddress ?? '');
    headers.set('x-real-ip', req.socket.remoteAddress ?? '');
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
      const request = new Request(`http://${req.headers.host}${req.url}`, {
        method: req.method ?? 'GET',
        headers,
        ...(hasBody ? { body: Buffer.concat(chunks) } : {}),
      });
      void exported.fetch(request).then((response) => {
        res.writeHead(response.status, Object.fromEntries(response.headers));
        if (response.body) Readable.fromWeb(response.body as NodeReadableStream).pipe(res);
        else res.end();
      });
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  return {
    url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    close: () => new Promise((done) => server.close(() => done())),
  };
}
