/**
 * For the referral tests and benchmark: build the site on fixture content (services written by the
 * test, real organisations and pages copied), serve it with scripts/serve.ts, and record what the
 * real `resend` SDK sends to a local stand-in for the Resend API.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../scripts/lib/site-build.ts';
import { serveArguments } from '../../scripts/lib/serve-command.ts';
import { fixtureBuild, fixtureSiteOf, type FixtureBuildOptions } from './fixture-builds.ts';
import { freePort, waitForHttp } from './http-helpers.ts';
import type { FixtureService } from './referral-fixtures.ts';

/**
 * The site built on these services (real organisations and pages) into
 * node_modules/.passerelle-builds/<name> (inside the project, so the server bundle resolves
 * node_modules); an earlier build of the same services and sources is reused (fixture-builds.ts).
 */
export async function buildFixtureSite(name: string, services: FixtureService[], options: FixtureBuildOptions = {}): Promise<string> {
  return (await fixtureBuild(fixtureSiteOf(name, services, options))).outDir;
}

export interface ServedSite {
  baseUrl: string;
  outboxDir: string;
  /** What the server wrote on its standard output and error (paths of outbox files, failures). */
  logs: string[];
  stop: () => Promise<void>;
  /** Moves the server's clock one minute ahead (only for a site served with `adjustableClock`). */
  advanceClock: () => Promise<void>;
}

export interface ServeOptions {
  /** Whether the server's standard output and error are kept in `logs` (a benchmark drops them). */
  captureLogs?: boolean;
  /**
   * Whether the server's clock can be moved ahead (served-clock.ts): by `clockOffsetMs` from the
   * start, and by a minute with `advanceClock`.
   */
  adjustableClock?: boolean;
  clockOffsetMs?: number;
}

const SERVED_CLOCK = join(import.meta.dirname, 'served-clock.ts');

/** Serves a build with scripts/serve.ts on a free loopback port; `env` adds or overrides variables. */
export async function serveSite(
  outDir: string,
  env: Record<string, string> = {},
  { captureLogs = true, adjustableClock = false, clockOffsetMs = 0 }: ServeOptions = {},
): Promise<ServedSite> {
  const port = await freePort();
  const outboxDir = env.OUTBOX_DIR ?? mkdtempSync(join(tmpdir(), 'passerelle-referral-outbox-'));
  const logs: string[] = [];
  const clockArguments = adjustableClock ? ['--import', SERVED_CLOCK] : [];
  const child: ChildProcess = spawn(process.execPath, [...clockArguments, ...serveArguments()], {
    cwd: PROJECT_ROOT,
    // A benchmark drops the server's log lines: reading them would compete with the clients for the CPU.
    stdio: ['ignore', captureLogs ? 'pipe' : 'ignore', 'pipe'],
    env: {
      ...process.env,
      RESEND_API_KEY: '',
      RESEND_BASE_URL: '',
      PASSERELLE_OUT_DIR: outDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      OUTBOX_DIR: outboxDir,
      ...(adjustableClock ? { PASSERELLE_TEST_CLOCK_OFFSET_MS: String(clockOffsetMs) } : {}),
      ...env,
    },
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
    advanceClock: async () => {
      if (!adjustableClock) throw new Error('Ce serveur de test a été démarré sans horloge réglable (adjustableClock).');
      const moved = logs.join('').match(/Horloge de test avancée/g)?.length ?? 0;
      child.kill('SIGUSR2');
      const deadline = Date.now() + 5_000;
      while ((logs.join('').match(/Horloge de test avancée/g)?.length ?? 0) === moved) {
        if (Date.now() > deadline) throw new Error('Le serveur de test n’a pas avancé son horloge.');
        await new Promise((done) => setTimeout(done, 20));
      }
    },
  };
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
  /** The status answered. */
  status: number;
  /** Whether this request sent a message (even if its answer was lost). */
  sent: boolean;
  /** Answered from an earlier request with the same Idempotency-Key and body: nothing sent again. */
  replayed: boolean;
}

/** What the stand-in answers next: a status, or "lost" (the message is sent, but the answer is a 500, as when it is lost on the way). */
export type SimulatedAnswer = number | 'lost';

export interface RecordingResend {
  url: string;
  requests: RecordedRequest[];
  /** The messages Resend would have sent (each once, whatever the retries). */
  accepted: () => RecordedRequest[];
  /** The next answers, in order (then 200 again): e.g. [500] for one failure. */
  answerNext: (answers: SimulatedAnswer[]) => void;
  /** Answers every request with this status from now on (undefined: back to 200). */
  answerAlways: (status: number | undefined) => void;
  reset: () => void;
  close: () => Promise<void>;
}

const errorBody = (statusCode: number, name: string, message: string): string => JSON.stringify({ statusCode, name, message });

/**
 * A local stand-in for the Resend API that records every request the SDK makes and honours the
 * Idempotency-Key as Resend documents it: the same key with the same body answers like the first
 * request without sending again; the same key with another body is refused (409
 * invalid_idempotent_request). A simulated failure (5xx, 429) sends nothing and stores no key.
 */
export async function startRecordingResend(): Promise<RecordingResend> {
  const requests: RecordedRequest[] = [];
  /** Sent messages by idempotency key: the body sent and the answer given. */
  const sentByKey = new Map<string, { body: string; answer: string }>();
  let queue: SimulatedAnswer[] = [];
  let always: number | undefined;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(text) as Record<string, unknown>;
      } catch {
        body = {};
      }
      const key = req.headers['idempotency-key'] as string | undefined;
      const simulated = queue.shift() ?? always ?? 200;
      const record = (status: number, answer: string, { sent = false, replayed = false } = {}): void => {
        requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body, status, sent, replayed });
        res.writeHead(status, { 'Content-Type': 'application/json' }).end(answer);
      };
      if (typeof simulated === 'number' && simulated !== 200) {
        return record(
          simulated,
          errorBody(simulated, simulated === 429 ? 'rate_limit_exceeded' : 'internal_server_error', 'Erreur simulée'),
        );
      }
      const earlier = key ? sentByKey.get(key) : undefined;
      if (earlier && earlier.body !== text) {
        return record(
          409,
          errorBody(
            409,
            'invalid_idempotent_request',
            'This idempotency key has already been used on a request that had a different payload.',
          ),
        );
      }
      const lost = errorBody(500, 'internal_server_error', 'Réponse perdue (simulée)');
      if (earlier) return simulated === 'lost' ? record(500, lost, { replayed: true }) : record(200, earlier.answer, { replayed: true });
      const answer = JSON.stringify({ id: `test-${requests.length + 1}` });
      if (key) sentByKey.set(key, { body: text, answer });
      return simulated === 'lost' ? record(500, lost, { sent: true }) : record(200, answer, { sent: true });
    });
  });
  const port = await freePort();
  await new Promise<void>((done) => server.listen(port, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    accepted: () => requests.filter((r) => r.sent),
    answerNext: (answers) => {
      queue = [...answers];
    },
    answerAlways: (status) => {
      always = status;
    },
    reset: () => {
      requests.length = 0;
      sentByKey.clear();
      queue = [];
      always = undefined;
    },
    close: () => new Promise((done) => server.close(() => done())),
  };
}
