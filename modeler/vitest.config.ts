import { defineProject } from 'vitest/config';

// Unit and component tests of the modeler's logic in jsdom (browser flows run in test/e2e).
export default defineProject({
  test: {
    name: 'modeler',
    environment: 'jsdom',
    include: ['test/**/*.test.ts'],
  },
});
