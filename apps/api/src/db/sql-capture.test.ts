import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Ticket } from '@gd/domain';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../test/harness.js';
import { customers } from './schema/index.js';
import { CAPTURE_HEADER, type CapturedStatement } from './sql-capture.js';

/**
 * The benchmark's statement capture (GD_SQL_CAPTURE) on a real Postgres: while armed, it keeps what the marked
 * requests send (their transactions and the after-commit work they await) and nothing else that runs meanwhile.
 */
describe.runIf(process.env.DATABASE_URL)('statement capture for the SQL floor (postgres)', () => {
  let t: TestApp;
  let dir: string;
  let file: string;
  let agent: string;
  let dispatcher: string;
  let callers: { id: string; phone: string }[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gd-capture-'));
    file = join(dir, 'statements.jsonl');
    // No planner period: a planner run in the window is one a new fault order set off.
    t = await startTestApp('postgres', { captureFile: file, env: { PLANNER_PERIOD_SECONDS: '0' } });
    agent = await t.token('agent1');
    dispatcher = await t.token('dispatcher1');
    const on = await t.request('PUT', '/dispatch/settings', {
      token: dispatcher,
      body: { autoDispatch: true },
    });
    expect(on.status).toBe(200);
    callers = (await t.database.db
      .select({ id: customers.id, phone: customers.phone })
      .from(customers)
      .where(eq(customers.zoneClass, 'urban'))
      .limit(3)) as { id: string; phone: string }[];
    expect(callers).toHaveLength(3);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** One call path, marked for capture: the screen pop, then a fault order (which sets the planner off). */
  async function path(caller: { id: string; phone: string }, scope: string) {
    const marked = { [CAPTURE_HEADER]: scope };
    const call = await t.request<{ id: string }>('POST', '/calls', {
      token: agent,
      headers: marked,
      body: { phone: caller.phone, channel: 'phone' },
    });
    expect(call.status).toBe(201);
    const order = await t.request<Ticket>('POST', '/tickets', {
      token: agent,
      headers: { ...marked, 'idempotency-key': randomUUID() },
      body: { callId: call.body.id, type: 'fault_repair', customerId: caller.id, description: '家中停电' },
    });
    expect(order.status).toBe(201);
    return order.body;
  }

  async function dispatched(id: string) {
    const until = Date.now() + 15_000;
    for (;;) {
      const res = await t.request<Ticket>('GET', `/tickets/${id}`, { token: dispatcher });
      if (res.body.crewId) return res.body;
      if (Date.now() > until) throw new Error(`order ${id} was never dispatched`);
      await new Promise((r) => setImmediate(r));
    }
  }

  it("keeps the marked requests' own statements, the same for every path, and none of the background's", async () => {
    const capture = t.database.capture!;
    capture.setArmed(true);
    // Background work while armed: statements outside any request, straight and through pg-boss's connection.
    let noise = 0;
    let stop = false;
    const background = (async () => {
      while (!stop) {
        await t.database.db.execute(sql`select 'background noise' as n`);
        await t.database.executeSql(`select 'pg-boss noise' as n`);
        noise++;
      }
    })();
    // An unmarked request in the same window.
    expect((await t.request('GET', '/auth/me', { token: agent })).status).toBe(200);
    // The first path fills the per-node caches (zones, emergencies, the day's order numbers). Three callers with no
    // open order: a caller's open orders change what the screen pop reads.
    const warm = await path(callers[0]!, 'warm-up');
    const first = await path(callers[1]!, 'path-1');
    const second = await path(callers[2]!, 'path-2');
    // The planner each order set off ran (it dispatched the order) while capture was armed.
    for (const o of [warm, first, second]) await dispatched(o.id);
    stop = true;
    await background;
    capture.setArmed(false);
    expect(noise).toBeGreaterThan(0);

    const captured = readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l && !l.startsWith('{"armed"'))
      .map((l) => JSON.parse(l) as CapturedStatement);
    expect(new Set(captured.map((s) => s.scope))).toEqual(new Set(['warm-up', 'path-1', 'path-2']));
    const texts = captured.map((s) => s.text);
    expect(texts.filter((s) => /noise/.test(s))).toEqual([]);
    // The planner's run (under its advisory lock) and pg-boss's fetches are not the path's.
    expect(texts.filter((s) => /pg_try_advisory_xact_lock|skip locked/i.test(s))).toEqual([]);
    // The order's insert, and the acceptance message with its job, awaited after commit, are.
    expect(texts.some((s) => /insert into "tickets"/.test(s))).toBe(true);
    expect(texts.some((s) => /insert into "messages"/.test(s))).toBe(true);
    expect(texts.some((s) => /insert into pgboss\.job/i.test(s))).toBe(true);
    // The outages in force are cached for 2 s per node (outages.repository.ts): a path may refresh them or not.
    const signatures = (scope: string) =>
      captured
        .filter((s) => s.scope === scope && !/from "outages" where "outages"."status"/.test(s.text))
        .map((s) => s.name ?? s.text);
    expect(signatures('path-2')).toEqual(signatures('path-1'));
    expect(signatures('path-1').length).toBeGreaterThan(3);
  });

  it('captures nothing while disarmed, marked or not', async () => {
    const before = readFileSync(file, 'utf8');
    await path(callers[0]!, 'disarmed');
    expect(readFileSync(file, 'utf8')).toBe(before);
  });
});
