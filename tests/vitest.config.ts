import { configDefaults, defineConfig } from 'vitest/config';
import LongestFirst from './support/longest-first.ts';

/**
 * Two projects: `unit` (plain TypeScript, fast) and `e2e` (builds each fixture site once and shares it
 * between the files that need it, tests/support/fixture-builds.ts; serves them and drives Chromium).
 * `npm test` runs both; `npm run test:full` adds, in e2e, the sweeps of every page, every way out on
 * every type of page, the build of the real content and the Netlify and Vercel builds
 * (PASSERELLE_FULL_SWEEP=1).
 */
const root = new URL('..', import.meta.url).pathname;

// The tests start many Node processes (the command-line tools, the server, the builds): Node's compile
// cache lets each one after the first skip compiling the same modules again.
process.env.NODE_COMPILE_CACHE ??= `${root}node_modules/.cache/node-compile-cache`;

export default defineConfig({
  test: {
    root,
    // Three files at a time, unit and e2e together: an e2e file spends much of its time waiting for a
    // page, a server or a build, which the other files fill. (Vitest runs a project limited to one
    // worker in a group of its own, after the others: the unit files would then wait for every e2e
    // file.) The longest files start first (longest-first.ts).
    maxWorkers: 3,
    // A variable a test sets with vi.stubEnv is put back after it, whatever the file.
    unstubEnvs: true,
    sequence: { sequencer: LongestFirst },
    // CI reads the totals from a JSON report (see .ci/run); people read the default reporter.
    reporters: process.env.VITEST_JSON_REPORT ? ['default', ['json', { outputFile: process.env.VITEST_JSON_REPORT }]] : ['default'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          // The unit files share their worker's loaded modules instead of loading zod, the schemas and
          // the territory data again for each file: they change no global state (vi.stubEnv is undone
          // above), and the modules they share only memoize what they read. Likewise in e2e.
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          // Playwright, axe and the support modules loaded once per worker; a file that sets a variable
          // of the process puts it back after its last test (deploy-targets.test.ts).
          isolate: false,
          include: ['tests/e2e/**/*.test.ts'],
          // The build of the real content/ (what the federations publish) runs in `npm run test:full`:
          // `npm test` checks the code, on fixture content only.
          exclude: [...configDefaults.exclude, ...(process.env.PASSERELLE_FULL_SWEEP === '1' ? [] : ['tests/e2e/real-content.test.ts'])],
          globalSetup: ['tests/support/e2e-global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // A page that loads its island and index files under the load of a full run can take more
          // than the default second to show what the assertion waits for.
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
});
