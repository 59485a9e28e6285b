import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    testTimeout: 15_000,
    // One jsdom and one module graph per worker, not per file (apps/console/vitest.config.ts says why).
    isolate: false,
  },
});
