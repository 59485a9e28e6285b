import { polygonContains, type Ticket } from '@gd/domain';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { customers, messages } from '../db/schema/index.js';
import { DATABASES, startTestApp, type TestApp } from '../test/harness.js';
import { advanceQueueClock, fanOutKinds } from '../test/queue-clock.js';
import { createOrder, crewOf, crewRow, squareAround } from '../tickets/work-orders.fixtures.js';
import { LogChannel } from './channels/index.js';
import { SEND_QUEUE } from './message-queue.js';
import { isMobile } from './message-rules.js';
import { MessagesRepository } from './messages.repository.js';
import { MessagesWorker } from './messages.worker.js';

const INBOUND = 'reply-callback-secret-0001';
const ENV = {
  MESSAGES_POLL_MS: '0',
  MESSAGES_QUIET_HOURS: 'off',
  MESSAGES_RATE_LIMIT_PER_HOUR: '100',
  MESSAGES_INBOUND_TOKEN: INBOUND,
};
type Customer = typeof customers.$inferSelect;

/** A local window of quiet hours that holds the present moment (Asia/Shanghai), ending `endsInMin` from now. */
function quietNow(endsInMin: number) {
  const local = (d: Date) =>
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Shanghai',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(d);
  return `${local(new Date(Date.now() - 60 * 60_000))}-${local(new Date(Date.now() + endsInMin * 60_000))}`;
}

describe.each(DATABASES)('customer messages on %s', (kind) => {
  let t: TestApp;
  let agent: string;
  let dispatcher: string;
  let worker: MessagesWorker;
  let log: LogChannel;
  let mobiles: Customer[];
  let next = 0;

  beforeAll(async () => {
    t = await startTestApp(kind, { env: ENV });
    agent = await t.token('agent1');
    dispatcher = await t.token('dispatcher1');
    worker = t.app.get(MessagesWorker, { strict: false });
    log = worker.channel as LogChannel;
    const all = await t.database.db.select().from(customers).where(eq(customers.zoneClass, 'urban'));
    mobiles = all.filter((c) => isMobile(c.phone));
  });
  afterAll(() => t?.close());

  const customer = () => mobiles[next++ % mobiles.length]!;
  const order = (c: Customer, body: Record<string, unknown> = {}) =>
    createOrder(t, agent, { type: 'fault_repair', customerId: c.id, description: '家里停电', ...body });
  const rowsOf = (ticketId: string) =>
    t.database.db.select().from(messages).where(eq(messages.ticketId, ticketId));

  it('tells the customer at each step of a repair, one message per event, sent once', async () => {
    const c = customer();
    const crewId = await crewOf(t, 'crew03');
    const crew01 = await t.token('crew03');
    const o = await order(c);
    const dispatched = await t.request('POST', `/tickets/${o.id}/dispatch`, {
      token: dispatcher,
      body: { crewId },
    });
    expect(dispatched.status).toBe(200);
    for (const to of ['acknowledged', 'en_route', 'on_site', 'restored'] as const) {
      expect(
        (await t.request('POST', `/tickets/${o.id}/transition`, { token: crew01, body: { to } })).status,
      ).toBe(200);
    }
    const done = await t.request('POST', `/tickets/${o.id}/transition`, {
      token: crew01,
      body: { to: 'completed', report: { cause: '接户线松脱', workDone: '重新紧固' } },
    });
    expect(done.status).toBe(200);

    const rows = await rowsOf(o.id);
    expect(rows.map((r) => r.template).sort()).toEqual(
      ['crew_arriving', 'crew_dispatched', 'order_accepted', 'order_completed', 'power_restored'].sort(),
    );
    const by = Object.fromEntries(rows.map((r) => [r.template, r]));
    expect(by.order_accepted!.variables).toEqual({
      number: o.number,
      link: `http://localhost:8080/track/${o.number}`,
    });
    const crewName = (await crewRow(t, crewId))!.name;
    expect(by.crew_dispatched!.variables).toEqual({
      number: o.number,
      crew: crewName,
      eta: expect.stringMatching(/^\d+$/),
    });
    expect(by.crew_arriving!.variables).toEqual({ number: o.number, crew: crewName });
    expect(by.power_restored!.variables).toEqual({ number: o.number });
    expect(rows.every((r) => r.to === c.phone && r.customerId === c.id && r.status === 'queued')).toBe(true);
    expect(by.crew_dispatched!.text).toContain(`抢修人员${crewName}已派出，预计`);

    const before = log.sent.length;
    await worker.runOnce();
    await worker.runOnce();
    const sent = log.sent.slice(before).filter((m) => m.to === c.phone);
    expect(sent.map((m) => m.template).sort()).toEqual(rows.map((r) => r.template).sort());
    expect((await rowsOf(o.id)).every((r) => r.status === 'sent' && r.sentAt && r.attempts === 1)).toBe(true);

    // Staff read it; crews may not; bad filters are refused.
    const listed = await t.request('GET', `/messages?ticketId=${o.id}`, { token: agent });
    expect(listed.status).toBe(200);
    expect(listed.body).toHaveLength(5);
    expect(listed.body[0]).toMatchObject({
      ticketId: o.id,
      customerId: c.id,
      to: c.phone,
      channel: 'sms',
      status: 'sent',
    });
    expect((await t.request('GET', `/messages?ticketId=${o.id}`, { token: crew01 })).status).toBe(403);
    expect((await t.request('GET', '/messages?ticketId=nope', { token: agent })).status).toBe(400);
    expect((await t.request('GET', '/messages?status=lost', { token: agent })).status).toBe(400);
  });

  it('writes the acceptance a crash lost when the sweep runs, and never twice', async () => {
    const c = customer();
    const o = await order(c);
    await t.database.db.delete(messages).where(eq(messages.ticketId, o.id)); // as if the node died after the insert
    await worker.runOnce(() => new Date(Date.now() + 2 * 60_000));
    await worker.runOnce(() => new Date(Date.now() + 3 * 60_000));
    const rows = await rowsOf(o.id);
    expect(rows.map((r) => [r.template, r.status])).toEqual([['order_accepted', 'sent']]);
  });

  it('takes over a message whose node died mid-send once its lease has run out', async () => {
    const c = customer();
    const o = await order(c);
    const repo = t.app.get(MessagesRepository, { strict: false });
    const [written] = await rowsOf(o.id);
    // Another node takes the message's job from pg-boss, claims the message, and dies before it sends.
    const taken = await worker.queue.fetch(SEND_QUEUE, 100);
    expect(taken.map((j) => j.id)).toContain(written!.id);
    const now = new Date();
    expect(
      (
        await repo.claimMany(
          t.database.db,
          [{ id: written!.id, token: 'dead-node' }],
          now,
          new Date(now.getTime() + 60_000),
        )
      )[0],
    ).toBeTruthy();
    // While its job is active and the lease holds, nobody else sends it.
    await worker.runOnce();
    expect((await rowsOf(o.id))[0]).toMatchObject({ status: 'sending', claimedBy: 'dead-node' });
    // 61 s on, pg-boss's maintenance expires the job; its retry comes after the backoff (30–60 s).
    await advanceQueueClock(t.database.db, 61_000);
    await worker.queue.boss.expire();
    await advanceQueueClock(t.database.db, 120_000);
    const before = log.sent.length;
    await worker.runOnce(() => new Date(now.getTime() + 181_000));
    expect(log.sent.slice(before).filter((m) => m.to === c.phone)).toHaveLength(1);
    expect((await rowsOf(o.id))[0]).toMatchObject({ status: 'sent', attempts: 2, claimedBy: null });
    // The dead node coming back cannot overwrite it.
    expect(await repo.finish(t.database.db, written!.id, 'dead-node', { status: 'failed' })).toBe(false);
  });

  it('retries a failing channel with backoff, then marks it dead and lists it', async () => {
    const c = customer();
    const o = await order(c);
    const send = log.send;
    log.send = async () => {
      throw new Error('provider down');
    };
    try {
      let at = Date.now();
      for (let i = 0; i < 5; i++) {
        at += 3_600_000;
        await advanceQueueClock(t.database.db, 3_600_000);
        await worker.runOnce(() => new Date(at));
      }
    } finally {
      log.send = send;
    }
    const [row] = await rowsOf(o.id);
    expect(row).toMatchObject({ status: 'dead', attempts: 5, error: 'provider down' });
    // pg-boss gave up on its job too (4 retries spent), and put it in the dead letters.
    expect(await worker.queue.boss.getJobById(SEND_QUEUE, row!.id)).toMatchObject({
      state: 'failed',
      retryCount: 4,
    });
    const dead = await t.request('GET', '/messages?status=dead', { token: agent });
    expect(dead.body.map((m: { id: string }) => m.id)).toContain(row!.id);
  });

  it('holds routine messages through quiet hours but sends outage news at once; honours opt-out and the rate limit', async () => {
    const c = customer();
    t.config.MESSAGES_QUIET_HOURS = quietNow(30);
    try {
      const o = await order(c);
      const [held] = await rowsOf(o.id);
      expect(held!.status).toBe('queued');
      expect(held!.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 25 * 60_000);
      // Staff (and a night-time demo) read that it waits, and until when.
      const listed = await t.request('GET', `/messages?ticketId=${o.id}`, { token: agent });
      expect(listed.body).toMatchObject([
        { status: 'queued', heldFor: 'quiet_hours', heldUntil: held!.nextAttemptAt.toISOString() },
      ]);
      const area = squareAround({ lat: c.lat, lng: c.lng }, 0.2);
      const out = await t.request('POST', '/outages', {
        token: dispatcher,
        body: {
          kind: 'fault',
          area,
          startsAt: new Date(Date.now() - 60_000).toISOString(),
          description: '测试台区故障',
          estimatedRestoreAt: new Date(Date.now() + 3 * 3600_000).toISOString(),
          ticketId: o.id,
        },
      });
      expect(out.status).toBe(201);
      await worker.runOnce();
      const fault = await t.database.db
        .select()
        .from(messages)
        .where(and(eq(messages.outageId, out.body.id), eq(messages.customerId, c.id)));
      expect(fault.map((m) => [m.template, m.status])).toEqual([['outage_fault', 'sent']]);
      expect((await rowsOf(o.id))[0]!.status).toBe('queued');
      await advanceQueueClock(t.database.db, 32 * 60_000);
      await worker.runOnce(() => new Date(Date.now() + 32 * 60_000));
      expect((await rowsOf(o.id))[0]!.status).toBe('sent');
    } finally {
      t.config.MESSAGES_QUIET_HOURS = 'off';
    }

    const quiet = customer();
    await t.database.db.update(customers).set({ messagesOptOut: true }).where(eq(customers.id, quiet.id));
    const opted = await order(quiet);
    await worker.runOnce();
    expect((await rowsOf(opted.id))[0]).toMatchObject({
      status: 'suppressed',
      error: expect.stringMatching(/opted out/),
    });

    const busy = customer();
    t.config.MESSAGES_RATE_LIMIT_PER_HOUR = 2;
    try {
      const orders: Ticket[] = [];
      for (let i = 0; i < 3; i++) {
        orders.push(await order(busy, { type: 'inquiry', description: `问题 ${i}` }));
        await worker.runOnce();
      }
      const statuses = [];
      for (const o of orders) statuses.push((await rowsOf(o.id))[0]!.status);
      expect(statuses).toEqual(['sent', 'sent', 'suppressed']);
    } finally {
      t.config.MESSAGES_RATE_LIMIT_PER_HOUR = 100;
    }
  });

  it('opts a customer out on request or by a 退订 reply, and holds back what was already queued', async () => {
    const c = customer();
    const o = await order(c);
    const supervisor = await t.token('supervisor1');
    expect(
      (
        await t.request('PUT', `/messages/opt-outs/${c.id}`, {
          token: await t.token('crew01'),
          body: { optOut: true },
        })
      ).status,
    ).toBe(403);
    expect(
      (await t.request('PUT', `/messages/opt-outs/${c.id}`, { token: supervisor, body: { optOut: 'yes' } }))
        .status,
    ).toBe(400);
    const set = await t.request('PUT', `/messages/opt-outs/${c.id}`, {
      token: supervisor,
      body: { optOut: true },
    });
    expect(set.status).toBe(200);
    await worker.runOnce();
    expect((await rowsOf(o.id))[0]).toMatchObject({
      status: 'suppressed',
      error: expect.stringMatching(/opted out/),
    });
    await t.request('PUT', `/messages/opt-outs/${c.id}`, { token: supervisor, body: { optOut: false } });

    // The provider's reply callback: only with the shared token; 退订 opts the number out, other replies do not.
    const other = customer();
    const national = other.phone.slice(3);
    const reply = (body: unknown, token?: string) =>
      t.request('POST', '/messages/replies', { body, headers: token ? { 'x-messages-token': token } : {} });
    expect((await reply([{ mobile: national, nationcode: '86', text: '退订' }])).status).toBe(401);
    expect(
      (await reply([{ mobile: national, nationcode: '86', text: '退订' }], 'wrong-token-wrong-token')).status,
    ).toBe(401);
    expect((await reply([{ mobile: national, nationcode: '86', text: '谢谢' }], INBOUND)).body).toEqual({
      optedOut: 0,
    });
    expect((await reply([{ mobile: national, nationcode: '86', text: ' td ' }], INBOUND)).body).toEqual({
      optedOut: 1,
    });
    const [row] = await t.database.db.select().from(customers).where(eq(customers.id, other.id));
    expect(row!.messagesOptOut).toBe(true);
    const later = await order(other);
    expect((await rowsOf(later.id))[0]).toMatchObject({ status: 'suppressed' });
    await t.database.db.update(customers).set({ messagesOptOut: false }).where(eq(customers.id, other.id));
  });

  it('fans an outage out in the worker: one job on the request path, one message per customer inside, once', async () => {
    const c = customer();
    const area = squareAround({ lat: c.lat, lng: c.lng }, 3);
    const all = await t.database.db.select().from(customers);
    const inside = all.filter((x) => polygonContains(area, { lat: x.lat, lng: x.lng }));
    const master = await order(c);
    const out = await t.request('POST', '/outages', {
      token: dispatcher,
      body: {
        kind: 'fault',
        area,
        startsAt: new Date(Date.now() - 60_000).toISOString(),
        description: '10kV 线路故障',
        ticketId: master.id,
      },
    });
    expect(out.status).toBe(201);
    const byOutage = () => t.database.db.select().from(messages).where(eq(messages.outageId, out.body.id));
    expect(await byOutage()).toHaveLength(0);
    expect(await fanOutKinds(t.database.db, out.body.id)).toEqual(['outage_fault']);
    await worker.expandDue();
    await worker.expandDue();
    const rows = await byOutage();
    expect(rows.map((r) => r.customerId).sort()).toEqual(inside.map((x) => x.id).sort());
    expect(rows.every((r) => r.template === 'outage_fault' && r.variables.restoreAt === '另行通知')).toBe(
      true,
    );

    expect((await t.request('POST', `/outages/${out.body.id}/restore`, { token: dispatcher })).status).toBe(
      200,
    );
    await worker.expandDue();
    const restored = (await byOutage()).filter((r) => r.template === 'outage_restored');
    expect(restored.map((r) => r.customerId).sort()).toEqual(inside.map((x) => x.id).sort());
  });

  it('publishes an outage over 5,000 customers as one job, as fast as an empty one, and fans it out in the worker', async () => {
    const center = { lat: mobiles[0]!.lat + 0.08, lng: mobiles[0]!.lng + 0.08 };
    const rows = Array.from({ length: 5000 }, (_, i) => ({
      accountNo: `FANOUT${String(i).padStart(6, '0')}`,
      name: `客户${i}`,
      phone: `+86139${String(i).padStart(8, '0')}`,
      address: `测试小区 ${i} 号`,
      lat: center.lat + ((i % 100) - 50) * 0.0001,
      lng: center.lng + (Math.floor(i / 100) - 25) * 0.0001,
      zoneId: mobiles[0]!.zoneId,
      zoneClass: 'urban' as const,
      district: mobiles[0]!.district,
    }));
    for (let i = 0; i < rows.length; i += 1000)
      await t.database.db.insert(customers).values(rows.slice(i, i + 1000));
    const publish = async (area: ReturnType<typeof squareAround>) => {
      const master = await order(customer());
      const started = performance.now();
      const res = await t.request('POST', '/outages', {
        token: dispatcher,
        body: {
          kind: 'fault',
          area,
          startsAt: new Date(Date.now() - 60_000).toISOString(),
          description: '大面积停电',
          ticketId: master.id,
        },
      });
      expect(res.status).toBe(201);
      return { id: res.body.id as string, ms: performance.now() - started };
    };
    // An empty area (out in the lake) against the 5,000, each published a few times: the best of each compared.
    const empty: number[] = [];
    for (let i = 0; i < 3; i++) empty.push((await publish(squareAround({ lat: 0.5 + i, lng: 0.5 }, 0.2))).ms);
    const big = await publish(squareAround(center, 1.4));
    // The request wrote no message: the 5,000 are the worker's job. How the two times compare is the
    // outage-fanout benchmark's figure (test/bench/cases/outage-fanout.ts), never a bound in a test.
    expect(await t.database.db.select().from(messages).where(eq(messages.outageId, big.id))).toHaveLength(0);
    const started = performance.now();
    await worker.expandDue();
    const fanOutMs = performance.now() - started;
    const fanned = await t.database.db
      .select({ id: messages.id })
      .from(messages)
      .where(eq(messages.outageId, big.id));
    expect(fanned).toHaveLength(5000);
    console.log(
      `[bench] ${kind}: publish 5,000-customer outage ${big.ms.toFixed(0)} ms (empty area best ${Math.min(...empty).toFixed(0)} ms); fan-out in the worker ${fanOutMs.toFixed(0)} ms`,
    );
    // The other tests send what is queued: these 5,000 go, with their send jobs.
    await worker.queue.boss.deleteJob(
      SEND_QUEUE,
      fanned.map((m) => m.id),
    );
    await t.database.db.delete(messages).where(eq(messages.outageId, big.id));
  });

  it('reminds a planned outage 7 days ahead and the day before, not before their time', async () => {
    const c = customer();
    const startsAt = new Date(Date.now() + 8 * 86_400_000);
    const out = await t.request('POST', '/outages', {
      token: dispatcher,
      body: {
        kind: 'planned',
        area: squareAround({ lat: c.lat, lng: c.lng }, 0.3),
        description: '线路检修',
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 4 * 3600_000).toISOString(),
      },
    });
    expect(out.status).toBe(201);
    const mine = () =>
      t.database.db
        .select()
        .from(messages)
        .where(and(eq(messages.outageId, out.body.id), eq(messages.customerId, c.id)));
    await worker.runOnce();
    expect(await mine()).toHaveLength(0);
    const weekBefore = startsAt.getTime() - 7 * 86_400_000 + 60_000;
    await advanceQueueClock(t.database.db, weekBefore - Date.now());
    await worker.runOnce(() => new Date(weekBefore));
    expect((await mine()).map((m) => m.template)).toEqual(['outage_planned_7d']);
    const dayBefore = startsAt.getTime() - 86_400_000 + 60_000;
    await advanceQueueClock(t.database.db, dayBefore - weekBefore);
    await worker.runOnce(() => new Date(dayBefore));
    expect((await mine()).map((m) => m.template).sort()).toEqual(['outage_planned_1d', 'outage_planned_7d']);
    expect((await mine())[0]!.text).toMatch(/线路检修将于\d+月\d+日 \d\d:\d\d至/);
  });

  it("sends through pg-boss's own polling, nobody driving the worker: a new order's message and an outage's fan-out", async () => {
    await worker.startPolling(500);
    const c = customer();
    const before = log.sent.length;
    const o = await order(c);
    const out = await t.request('POST', '/outages', {
      token: dispatcher,
      body: {
        kind: 'fault',
        area: squareAround({ lat: c.lat, lng: c.lng }, 0.2),
        startsAt: new Date(Date.now() - 60_000).toISOString(),
        description: '台区故障',
        ticketId: o.id,
      },
    });
    expect(out.status).toBe(201);
    const toCustomer = () =>
      log.sent
        .slice(before)
        .filter((m) => m.to === c.phone)
        .map((m) => m.template)
        .sort();
    await vi.waitFor(() => expect(toCustomer()).toEqual(['order_accepted', 'outage_fault']), {
      timeout: 15_000,
      interval: 50,
    });
    expect((await rowsOf(o.id))[0]).toMatchObject({ status: 'sent', attempts: 1 });
  });
});

describe.runIf(DATABASES.includes('postgres'))('customer messages, two nodes on one Postgres', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    a = await startTestApp('postgres', { env: ENV });
    const url = a.config.DATABASE_URL!;
    b = await startTestApp('postgres', { env: ENV, attach: { url }, seed: false });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('sends each message exactly once when both nodes work the outbox at the same time', async () => {
    const agent = await a.token('agent1');
    const list = (await a.database.db.select().from(customers)).filter((c) => isMobile(c.phone)).slice(0, 40);
    const orders: Ticket[] = [];
    for (const [i, c] of list.entries()) {
      const node = i % 2 ? b : a;
      orders.push(
        await createOrder(node, await node.token('agent1'), {
          type: 'inquiry',
          customerId: c.id,
          description: '咨询电费',
        }),
      );
    }
    void agent;
    const wa = a.app.get(MessagesWorker, { strict: false });
    const wb = b.app.get(MessagesWorker, { strict: false });
    const la = (wa.channel as LogChannel).sent.length;
    const lb = (wb.channel as LogChannel).sent.length;
    await Promise.all([wa.runOnce(), wb.runOnce(), wa.runOnce(), wb.runOnce()]);
    const ids = [
      ...(wa.channel as LogChannel).sent.slice(la),
      ...(wb.channel as LogChannel).sent.slice(lb),
    ].map((m) => m.id);
    const rows = await a.database.db
      .select()
      .from(messages)
      .where(
        inArray(
          messages.ticketId,
          orders.map((o) => o.id),
        ),
      );
    expect(rows).toHaveLength(40);
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
    expect([...ids].sort()).toEqual(rows.map((r) => r.id).sort());
  });
});

describe.runIf(DATABASES.includes('postgres'))(
  'customer messages, upgrading an outbox that predates pg-boss',
  () => {
    let old: TestApp;
    let upgraded: TestApp;
    afterAll(async () => {
      await upgraded?.close();
      await old?.close();
    });

    it('gives the messages still to send their jobs on the first start with pg-boss, and sends them once', async () => {
      old = await startTestApp('postgres', { env: ENV });
      const c = (await old.database.db.select().from(customers)).find((x) => isMobile(x.phone))!;
      const o = await createOrder(old, await old.token('agent1'), {
        type: 'inquiry',
        customerId: c.id,
        description: '咨询电费',
      });
      // As the outbox was before pg-boss: the message queued, and no job anywhere.
      await old.database.db.execute(sql`drop schema pgboss cascade`);
      upgraded = await startTestApp('postgres', {
        env: ENV,
        attach: { url: old.config.DATABASE_URL! },
        seed: false,
      });
      const worker = upgraded.app.get(MessagesWorker, { strict: false });
      const before = (worker.channel as LogChannel).sent.length;
      await worker.runOnce();
      await worker.runOnce();
      const rows = await upgraded.database.db.select().from(messages).where(eq(messages.ticketId, o.id));
      expect(rows).toMatchObject([{ template: 'order_accepted', status: 'sent', attempts: 1 }]);
      expect((worker.channel as LogChannel).sent.slice(before).map((m) => m.id)).toEqual([rows[0]!.id]);
    });
  },
);

describe.each(DATABASES)('customer messages, paced sending on %s', (kind) => {
  let t: TestApp;
  afterAll(() => t?.close());

  it('spaces the sends at MESSAGES_SEND_PER_SECOND even while new orders keep waking the worker', async () => {
    t = await startTestApp(kind, { env: { ...ENV, MESSAGES_SEND_PER_SECOND: '20' } });
    const agent = await t.token('agent1');
    const worker = t.app.get(MessagesWorker, { strict: false });
    const log = worker.channel as LogChannel;
    const list = (await t.database.db.select().from(customers)).filter((c) => isMobile(c.phone)).slice(0, 30);
    const order = (c: Customer) =>
      createOrder(t, agent, { type: 'inquiry', customerId: c.id, description: '咨询电费' });
    for (const c of list.slice(0, 20)) await order(c);
    const before = log.sent.length;
    await worker.startPolling(500);
    // Each new order kicks the worker (pg-boss then fetches again at once): the spacing must hold regardless.
    for (const c of list.slice(20)) await order(c);
    await vi.waitFor(() => expect(log.sent.length - before).toBeGreaterThanOrEqual(30), {
      timeout: 20_000,
      interval: 50,
    });
    const at = log.sent.slice(before).map((m) => m.at.getTime());
    // 30 sends at 20 a second: at least 29 gaps of 50 ms (a lower bound: a slow machine only makes it longer).
    expect(Math.max(...at) - Math.min(...at)).toBeGreaterThanOrEqual(29 * 50 - 5);
    const rows = await t.database.db.select().from(messages).where(eq(messages.template, 'order_accepted'));
    expect(rows.filter((r) => r.status === 'sent' && r.attempts === 1)).toHaveLength(rows.length);
  });
});
