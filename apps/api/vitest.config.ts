import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Nest's dependency injection needs decorator metadata, which esbuild does not emit: compile with swc.
  plugins: [swc.vite({ module: { type: 'es6' } })],
  test: {
    include: ['src/**/*.test.ts'],
    // Migrates and seeds once per run; each suite starts from a copy (src/test/global-setup.ts).
    globalSetup: ['src/test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    // Each worker runs its files one after another in one process: importing Nest, drizzle and the app again for
    // every file was most of a small file's time. Every suite starts and closes its own app and database
    // (harness.ts), so nothing of one file's state reaches the next (the whole suite passes on both databases).
    isolate: false,
    // A cheap scrypt cost for the accounts tests make (src/auth/password.ts); production keeps N=2^15.
    env: { NODE_ENV: 'test', TZ: 'Asia/Shanghai', PASSWORD_HASH_COST: '10' },
  },
});
