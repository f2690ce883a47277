import { defineConfig } from 'vitest/config';

// One config for every workspace. Postgres-backed test files each get their own database
// (see test/support/postgres.ts), so files can run in parallel safely.
export default defineConfig({
  test: {
    include: ['engine/test/**/*.test.ts', 'api/test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
