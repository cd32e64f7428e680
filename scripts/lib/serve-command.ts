/**
 * How `npm run serve` starts the server, read from package.json: the tests and benchmarks start it
 * the same way (Node's flags included), through the Node that runs them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from './site-build.ts';

/** The arguments given to `node` by the `serve` script, e.g. ["--max-semi-space-size=16", "scripts/serve.ts"]. */
export function serveArguments(): string[] {
  const { scripts } = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const [command, ...args] = (scripts.serve ?? '').trim().split(/\s+/);
  if (command !== 'node' || !args.length)
    throw new Error(`Le script « serve » de package.json doit être « node [options] scripts/serve.ts » (trouvé : « ${scripts.serve} »).`);
  return args;
}
