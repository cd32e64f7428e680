/**
 * A throwaway Redis for the tests of the shared referral state: `redis-server` (Debian's package) on
 * a free loopback port, without persistence, stopped (and restartable on the same port) by the test.
 * Without the binary, `redisUnavailable` says why, and the tests that need it are skipped.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { freePort } from './http-helpers.ts';

const BINARY = process.env.REDIS_SERVER_BIN ?? 'redis-server';

/** Why Redis tests cannot run here, or undefined when they can. */
export const redisUnavailable: string | undefined = (() => {
  const probe = spawnSync(BINARY, ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0)
    return `${BINARY} est introuvable (paquet Debian redis-server) : les tests de l’état partagé dans Redis sont ignorés.`;
  return undefined;
})();

export interface TestRedis {
  url: string;
  port: number;
  /** Stops the server (SIGKILL: as a crash or a network cut looks to the client). */
  stop: () => Promise<void>;
  /** Starts it again on the same port, empty. */
  start: () => Promise<void>;
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/** Starts redis-server on 127.0.0.1 and a free port; call `stop` when done. */
export async function startTestRedis(): Promise<TestRedis> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const start = async (): Promise<void> => {
    child = spawn(BINARY, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    const deadline = Date.now() + 10_000;
    while (!(await portOpen(port))) {
      if (Date.now() > deadline) throw new Error(`redis-server n’a pas démarré sur le port ${port}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const stop = (): Promise<void> =>
    new Promise((done) => {
      if (!child || child.exitCode !== null || child.signalCode !== null) return done();
      child.once('exit', () => done());
      child.kill('SIGKILL');
    });
  await start();
  return { url: `redis://127.0.0.1:${port}`, port, stop, start };
}
