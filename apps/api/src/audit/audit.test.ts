import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, startTestApp, type TestApp } from '../test/harness.js';

describe.each(DATABASES)('audit trail on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind, { customers: 10 });
  });
  afterAll(() => t?.close());

  it('is append-only at the database level', async () => {
    const admin = await t.token('admin');
    await t.request('POST', '/staff', {
      token: admin,
      body: { username: 'qa9', displayName: '回访 孙丽', role: 'qa', password: 'long-enough-1' },
    });
    const { db } = t.database;
    // drizzle wraps the driver's error; the database's own message is its cause.
    const refusal = (q: Promise<unknown>) =>
      q.then(
        () => 'allowed',
        (e: Error & { cause?: Error }) => e.cause?.message ?? e.message,
      );
    expect(await refusal(db.execute(sql`update audit_log set action = 'x'`))).toMatch(/append-only: UPDATE/);
    expect(await refusal(db.execute(sql`delete from audit_log`))).toMatch(/append-only: DELETE/);
    expect(await refusal(db.execute(sql`truncate audit_log`))).toMatch(/append-only: TRUNCATE/);
    const rows = await t.request('GET', '/audit?entity=staff', { token: admin });
    expect(rows.body.total).toBe(1);
    expect(rows.body.items[0]).toMatchObject({
      action: 'staff.create',
      after: { username: 'qa9', role: 'qa' },
    });
  });

  it('writes the record in the same transaction as the change: a failed change leaves neither', async () => {
    const admin = await t.token('admin');
    const before = (await t.request('GET', '/audit', { token: admin })).body.total;
    const dup = await t.request('POST', '/staff', {
      token: admin,
      body: { username: 'qa9', displayName: 'again', role: 'qa', password: 'long-enough-1' },
    });
    expect(dup.status).toBe(409);
    expect((await t.request('GET', '/audit', { token: admin })).body.total).toBe(before);
  });

  it('filters by date range and rejects a malformed one', async () => {
    const admin = await t.token('admin');
    const future = await t.request('GET', '/audit?from=2099-01-01T00:00:00Z', { token: admin });
    expect(future.body).toEqual({ items: [], total: 0 });
    expect((await t.request('GET', '/audit?from=yesterday', { token: admin })).status).toBe(400);
  });
});
