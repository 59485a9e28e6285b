import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

export interface SeededTemplate {
  /** A PGlite data dir, migrated and seeded: each suite opens a copy of it. */
  dataDir: string;
  /** With DATABASE_URL, a database on that server, migrated and seeded: each suite's is `CREATE DATABASE … TEMPLATE` it. */
  database: string | null;
}

declare module 'vitest' {
  export interface ProvidedContext {
    seededTemplate: SeededTemplate;
  }
}

/** The password every seeded account has in the API suites (harness.ts logs in with it). */
export const PASSWORD = 'test-password-95598';

/**
 * Migrates and seeds once per run instead of once per suite: the zones, crews and the 47 accounts (their hashes are
 * most of a seed's cost). A suite clones the result and adds only its own customers (startTestApp).
 */
export default async function setup(project: TestProject) {
  // The same environment the suites get (vitest.config.ts), set before password.ts is loaded.
  process.env.NODE_ENV = 'test';
  Object.assign(process.env, project.config.env);
  const { openDatabase } = await import('../db/client.js');
  const { seedDemo } = await import('../demo/seed.js');
  const { createScratchDatabase } = await import('./scratch-database.js');
  const { createBoss, installQueues } = await import('../messages/message-queue.js');
  // pg-boss's schema and the outbox's queues, so that each suite's app finds them installed.
  const installBoss = async (database: Awaited<ReturnType<typeof openDatabase>>) => {
    const boss = createBoss(database, { supervise: false });
    await boss.start();
    await installQueues(boss);
    await boss.stop({ graceful: false });
  };

  const dataDir = mkdtempSync(join(tmpdir(), 'gd-api-template-'));
  const pglite = await openDatabase({ dataDir });
  await seedDemo(pglite.db, { password: PASSWORD, customers: 0 });
  await installBoss(pglite);
  await pglite.close();

  let template: Awaited<ReturnType<typeof createScratchDatabase>> | null = null;
  if (process.env.DATABASE_URL) {
    template = await createScratchDatabase(process.env.DATABASE_URL);
    const postgres = await openDatabase({ url: template.url, poolSize: 1 });
    await seedDemo(postgres.db, { password: PASSWORD, customers: 0 });
    await installBoss(postgres);
    // No connection may stay open to a database used as a template.
    await postgres.close();
  }
  project.provide('seededTemplate', { dataDir, database: template?.name ?? null });
  return async () => {
    rmSync(dataDir, { recursive: true, force: true });
    await template?.drop();
  };
}
