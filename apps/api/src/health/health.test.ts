import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestApp, type TestApp } from '../test/harness.js';

/** Only a server can drop connections under us; PGlite lives in the process. */
describe.runIf(process.env.DATABASE_URL)('a database that drops its connections (postgres)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('postgres', { customers: 10 });
  });
  afterAll(() => t?.close());

  it('answers 503 rather than 500 while connections are lost, and recovers by itself', async () => {
    const token = await t.token('agent1');
    expect((await t.request('GET', '/zones/classify?lat=28.2&lng=112.98', { token })).status).toBe(200);
    const dbName = new URL(t.config.DATABASE_URL!).pathname.slice(1);
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    const killed = await admin.query(
      'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
      [dbName],
    );
    expect(killed.rowCount).toBeGreaterThan(0);
    await admin.end();

    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await t.request('GET', '/health')).status);
    expect(statuses.every((s) => s === 200 || s === 503)).toBe(true);
    expect(statuses.at(-1)).toBe(200);
    expect((await t.request('GET', '/auth/me', { token })).status).toBe(200);
  });

  it('survives losing a connection held between two queries of a transaction', async () => {
    const dbName = new URL(t.config.DATABASE_URL!).pathname.slice(1);
    const transaction = t.database.db.transaction(async (tx) => {
      await tx.execute(sql`select 1`);
      // The server drops this connection while the transaction waits on something else: no query is running on
      // it to take the error, so an unhandled 'error' event would end the process.
      const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await admin.connect();
      await admin.query(
        'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
        [dbName],
      );
      await admin.end();
      await new Promise((r) => setTimeout(r, 300));
      await tx.execute(sql`select 2`);
    });
    await expect(transaction).rejects.toThrow();
    await vi.waitFor(async () => expect((await t.request('GET', '/health')).status).toBe(200), {
      timeout: 10_000,
    });
  });
});
