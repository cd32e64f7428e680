import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Two projects: `unit` (plain TypeScript, fast) and `e2e` (builds each fixture site once and shares it
 * between the files that need it, tests/support/fixture-builds.ts; serves them and drives Chromium).
 * `npm test` runs both (beside the static checks); `npm run test:full` adds, in e2e, the sweeps of
 * every page, every way out on every type of page, the build of the real content and the Netlify and
 * Vercel builds (PASSERELLE_FULL_SWEEP=1).
 */
export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    // Two files at a time, unit and e2e together: an e2e file spends much of its time waiting for a
    // page or a server, which the other file fills. (Vitest runs a project limited to one worker in a
    // group of its own, after the others: the unit files would then wait for every e2e file.)
    maxWorkers: 3,
    // CI reads the totals from a JSON report (see .ci/run); people read the default reporter.
    reporters: process.env.VITEST_JSON_REPORT ? ['default', ['json', { outputFile: process.env.VITEST_JSON_REPORT }]] : ['default'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
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
