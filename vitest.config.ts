import { defineConfig } from 'vitest/config';

// One config for the whole repository. Postgres-backed test files each get their own database
// (test/support/test-database.ts), so files run in parallel safely. Web app workspaces bring
// their own vitest.config.ts (jsdom) and are picked up as projects when present.
export default defineConfig({
  test: {
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'engine', include: ['engine/test/**/*.test.ts'] } },
      { extends: true, test: { name: 'api', include: ['api/test/**/*.test.ts'] } },
      { extends: true, test: { name: 'bench', include: ['bench/test/**/*.test.ts'] } },
      // Browser tests: one Chromium at a time is plenty on 2 cores.
      { extends: true, test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], fileParallelism: false, testTimeout: 120_000 } },
      '{tasklist,modeler}/vitest.config.ts',
    ],
  },
});
