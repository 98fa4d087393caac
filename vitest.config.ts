import { defineConfig } from 'vitest/config';

/**
 * Three kinds of test: pure (no I/O), database-backed (a fresh database per file, cloned from a
 * migrated template on the embedded PostgreSQL, or on DATABASE_URL's server when set) and browser
 * (real Chromium against a running Regulars).
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['packages/{contracts,core,analytics}/src/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'db',
          include: ['packages/db/src/**/*.test.ts', 'apps/{server,cli}/src/**/*.test.ts'],
          globalSetup: ['test/db-global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['apps/{admin,portal}/test/**/*.test.ts'],
          globalSetup: ['test/browser-global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
