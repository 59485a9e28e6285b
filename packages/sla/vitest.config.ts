import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/test.ts', 'src/**/*.test.ts'],
    // Correctness tests, not timings: some walk 65 years of calendar days (2.6 s alone, over 5 s while CI runs the
    // other suites on the same 2 cores), so the default 5 s would fail them for the machine's load.
    testTimeout: 30_000,
  },
});
