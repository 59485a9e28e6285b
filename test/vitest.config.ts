import { defineConfig } from 'vitest/config';

/**
 * Two projects. `shared` runs its files one after another against one system started for them all
 * (support/global-setup.ts); `own` holds the files that start their own systems (or none), also one after another.
 * `npm test` here runs the two projects side by side, as two vitest processes (support/run-projects.ts): vitest
 * itself runs projects of one process in one pool of workers, so it could not keep each project's files in
 * sequence while the projects run beside each other. `npx vitest run` runs everything one file at a time.
 */
const shared = {
  testTimeout: 60_000,
  hookTimeout: 120_000,
  fileParallelism: false,
};

/** Files that start their own system (or only start-up refusals): they need no shared one. */
const OWN = [
  'e2e/scale-out.test.ts',
  'e2e/startup.test.ts',
  'browser/customer.test.ts',
  'browser/sla.test.ts',
  'browser/storm.test.ts',
];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          ...shared,
          name: 'shared',
          include: ['e2e/**/*.test.ts', 'browser/**/*.test.ts'],
          exclude: OWN,
          globalSetup: ['support/global-setup.ts'],
        },
      },
      {
        test: {
          ...shared,
          name: 'own',
          include: OWN,
          // With DATABASE_URL, their systems copy a seeded template as the shared system does.
          globalSetup: ['support/template-setup.ts'],
        },
      },
    ],
  },
});
