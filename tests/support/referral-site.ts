/**
 * For the referral tests and benchmark: build the site on fixture content (services written by the
 * test, real organisations and pages copied), serve it with scripts/serve.ts, and record what the
 * real `resend` SDK sends to a local stand-in for the Resend API.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILDS_DIR, buildSite, PROJECT_ROOT, writeContentFolder } from '../../scripts/lib/site-build.ts';
import { freePort, waitForHttp } from './http-helpers.ts';
import type { FixtureService } from './referral-fixtures.ts';


/**
 * Builds the site on these services into node_modules/.passerelle-builds/<name> (inside the project,
 * so the server bundle resolves node_modules). With `reuse`, an existing build is kept.
 */
export function buildFixtureSite(name: string, services: FixtureService[], { reuse = false }: { reuse?: boolean } = {}): string {
  const outDir = join(BUILDS_DIR, name);
  if (reuse && existsSync(join(outDir, 'server/entry.mjs'))) return outDir;
  const contentDir = writeContentFolder(join(BUILDS_DIR, `${name}-content`), services);
  buildSite({ outDir, contentDir, cacheDir: join(BUILDS_DIR, `${name}-cache`) }, { quiet: true });
  return outDir;
}

export interface ServedSite {
  baseUrl: string;
  outboxDir: string;
  /** What the server wrote on its standard output and error (paths of outbox files, failures). */
  logs: string[];
  stop: () => Promise<void>;
}

/** Serves a build with scripts/serve.ts on a free loopback port; `env` adds or overrides variables. */
export async function serveSite(outDir: string, env: Record<string, string> = {}, { captureLogs = true }: { captureLogs?: boolean } = {}): Promise<ServedSite> {
  const port = await freePort();
  const outboxDir = env.OUTBOX_DIR ?? mkdtempSync(join(tmpdir(), 'passerelle-referral-outbox-'));
  const logs: string[] = [];
  const child: ChildProcess = spawn(process.execPath, ['scripts/serve.ts'], {
    cwd: PROJECT_ROOT,
    // A benchmark drops the server's log lines: reading them would compete with the clients for the CPU.
    stdio: ['ignore', captureLogs ? 'pipe' : 'ignore', 'pipe'],
    env: { ...process.env, RESEND_API_KEY: '', RESEND_BASE_URL: '', PASSERELLE_OUT_DIR: outDir, PORT: String(port), HOST: '127.0.0.1', OUTBOX_DIR: outboxDir, ...env },
  });
  child.stdout?.on('data', (chunk: Buffer) => logs.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => logs.push(chunk.toString()));
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForHttp(`${baseUrl}/`, 30_000);
  return {
    baseUrl,
    outboxDir,
    logs,
    stop: () =>
      new Promise((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
  /** The status answered. */
  status: number;
}

export interface RecordingResend {
  url: string;
  requests: RecordedRequest[];
  /** Requests answered 200: the messages Resend would have sent. */
  accepted: () => RecordedRequest[];
  /** The next answers, in order (then 200 again): e.g. [500] for one failure. */
  answerNext: (statuses: number[]) => void;
  /** Answers every request with this status from now on (undefined: back to 200). */
  answerAlways: (status: number | undefined) => void;
  reset: () => void;
  close: () => Promise<void>;
}

/** A local stand-in for the Resend API that records every request the SDK makes. */
export async function startRecordingResend(): Promise<RecordingResend> {
  const requests: RecordedRequest[] = [];
  let queue: number[] = [];
  let always: number | undefined;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const status = queue.shift() ?? always ?? 200;
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      } catch {
        body = {};
      }
      requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body, status });
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify(
          status === 200 ? { id: `test-${requests.length}` } : { statusCode: status, name: status === 429 ? 'rate_limit_exceeded' : 'internal_server_error', message: 'Erreur simulée' },
        ),
      );
    });
  });
  const port = await freePort();
  await new Promise<void>((done) => server.listen(port, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    accepted: () => requests.filter((r) => r.status === 200),
    answerNext: (statuses) => {
      queue = [...statuses];
    },
    answerAlways: (status) => {
      always = status;
    },
    reset: () => {
      requests.length = 0;
      queue = [];
      always = undefined;
    },
    close: () => new Promise((done) => server.close(() => done())),
  };
}
