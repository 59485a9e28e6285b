import { randomUUID } from 'node:crypto';
import type { Ticket, TimelineEntry } from '@gd/domain';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditLog,
  calls,
  notifications,
  slaClocks,
  ticketEvents,
  ticketSequences,
  tickets,
} from '../db/schema/index.js';
import { inTransaction } from '../db/transaction.js';
import { DATABASES, nextEvent, startTestApp, type TestApp } from '../test/harness.js';
import { TicketWorkflowService } from './ticket-workflow.service.js';
import { newTicketRow, TicketsRepository } from './tickets.repository.js';
import {
  createOrder,
  crewOf,
  crewRow,
  DISPATCH,
  move,
  urbanCustomers,
  userId,
} from './work-orders.fixtures.js';

describe.each(DATABASES)('work orders on %s', (kind) => {
  let t: TestApp;
  let agent1: string;
  let agent2: string;
  let dispatcher: string;
  let qa: string;
  let supervisor: string;
  let crew01: string;
  let crew02: string;
  let agent1Id: string;
  let agent2Id: string;
  let cust: Awaited<ReturnType<typeof urbanCustomers>>;

  beforeAll(async () => {
    t = await startTestApp(kind);
    [agent1, agent2, dispatcher, qa, supervisor, crew01, crew02] = (await Promise.all(
      ['agent1', 'agent2', 'dispatcher1', 'qa1', 'supervisor1', 'crew01', 'crew02'].map((u) => t.token(u)),
    )) as [string, string, string, string, string, string, string];
    agent1Id = await userId(t, 'agent1');
    agent2Id = await userId(t, 'agent2');
    cust = await urbanCustomers(t, 8);
  });
  afterAll(() => t?.close());

  const repair = (i: number, extra: Record<string, unknown> = {}) => ({
    type: 'fault_repair',
    customerId: cust[i]!.id,
    description: `整栋楼停电 ${i}`,
    ...extra,
  });

  it('creates a fault order: number, first responder, location and clocks from the customer, event, timeline, audit', async () => {
    const socket = await t.socket(dispatcher);
    const created = nextEvent(socket, 'ticket.created', (e) => e.ticket.description === '整栋楼停电 0');
    const res = await t.request<Ticket>('POST', '/tickets', { token: agent1, body: repair(0) });
    expect(res.status).toBe(201);
    const o = res.body;
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' })
      .format(new Date())
      .replaceAll('-', '');
    expect(o.number).toMatch(new RegExp(`^GD${today}\\d{6}$`));
    expect(o).toMatchObject({
      status: 'accepted',
      priority: 'normal',
      firstResponderId: agent1Id,
      ownerId: agent1Id,
      customerId: cust[0]!.id,
      location: { lat: cust[0]!.lat, lng: cust[0]!.lng },
      zoneClass: 'urban',
      urgeCount: 0,
      parentId: null,
    });
    expect(o.sla.arrival?.state).toBe('running');
    expect(Date.parse(o.sla.arrival!.dueAt) - Date.parse(o.createdAt)).toBe(30 * 60_000);
    expect(Date.parse(o.sla.restoration!.dueAt) - Date.parse(o.createdAt)).toBe(4 * 3600_000);
    expect((await created).ticket.id).toBe(o.id);

    const next = await createOrder(t, agent1, repair(1));
    expect(Number(next.number.slice(-6))).toBe(Number(o.number.slice(-6)) + 1);

    const timeline = await t.request<TimelineEntry[]>('GET', `/tickets/${o.id}/timeline`, { token: agent2 });
    expect(timeline.body.map((e) => e.kind)).toEqual(['created']);
    const audit = await t.database.db.select().from(auditLog).where(eq(auditLog.entityId, o.id));
    expect(audit.map((a) => a.action)).toEqual(['ticket.create']);
    // Least privilege: a crew reads only the orders it is or was sent to (auth/permissions.test.ts).
    expect((await t.request('GET', `/tickets/${o.id}`, { token: crew01 })).status).toBe(403);
  });

  it('starts the clocks of every type from the policy', async () => {
    const complaint = await createOrder(t, agent1, {
      type: 'complaint',
      customerId: cust[2]!.id,
      description: '抄表员态度差',
    });
    expect(Object.keys(complaint.sla).sort()).toEqual(['resolution', 'response']);
    const praise = await createOrder(t, agent1, { type: 'praise', description: '表扬抢修班' });
    expect(praise.sla).toEqual({});
    expect(praise.location).toBeNull();
    for (const type of [
      'report',
      'opinion',
      'inquiry',
      'service_request',
      'billing_dispute',
      'reconnection',
    ]) {
      const o = await createOrder(t, agent1, { type, customerId: cust[3]!.id, description: `${type} 测试` });
      expect(o.type).toBe(type);
      expect(Object.keys(o.sla).length).toBeGreaterThan(0);
    }
  });

  it('refuses bad input with 400 per field, 404 for unknown ids, 422 outside the territory', async () => {
    const bad = await t.request('POST', '/tickets', {
      token: agent1,
      body: { type: 'teleport', description: '', priority: 'whenever' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^type must be one of/),
        expect.stringMatching(/^description must be longer/),
        expect.stringMatching(/^priority must be one of/),
      ]),
    );
    const missing = await t.request('POST', '/tickets', { token: agent1, body: { type: 'inquiry' } });
    expect(missing.status).toBe(400);
    expect(missing.body.message).toEqual(expect.arrayContaining([expect.stringMatching(/^description/)]));
    const long = await t.request('POST', '/tickets', {
      token: agent1,
      body: { type: 'inquiry', description: '长'.repeat(2001) },
    });
    expect(long.status).toBe(400);
    expect(long.body.message).toEqual(
      expect.arrayContaining([expect.stringMatching(/description must be shorter/)]),
    );
    const outside = await t.request('POST', '/tickets', {
      token: agent1,
      body: { type: 'fault_repair', description: '停电', location: { lat: 39.9, lng: 116.4 } },
    });
    expect(outside.status).toBe(422);
    const noPlace = await t.request('POST', '/tickets', {
      token: agent1,
      body: { type: 'fault_repair', description: '停电' },
    });
    expect(noPlace.status).toBe(422);
    const badLatLng = await t.request('POST', '/tickets', {
      token: agent1,
      body: { type: 'fault_repair', description: '停电', location: { lat: 123, lng: 'x' } },
    });
    expect(badLatLng.status).toBe(400);
    const unknownCustomer = await t.request('POST', '/tickets', {
      token: agent1,
      body: { type: 'inquiry', description: 'x', customerId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(unknownCustomer.status).toBe(404);
    expect(
      (await t.request('GET', '/tickets/00000000-0000-4000-8000-000000000000', { token: agent1 })).status,
    ).toBe(404);
    expect((await t.request('GET', '/tickets/not-a-uuid', { token: agent1 })).status).toBe(400);
    expect((await t.request('POST', '/tickets', { token: crew01, body: repair(0) })).status).toBe(403);
    expect((await t.request('POST', '/tickets', { body: repair(0) })).status).toBe(401);
  });

  it('stores HTML and SQL in free text literally', async () => {
    const evil = `<script>alert('x')</script>'; DROP TABLE tickets; --`;
    const o = await createOrder(t, agent1, { type: 'inquiry', description: evil });
    expect(o.description).toBe(evil);
    expect((await t.request<Ticket>('GET', `/tickets/${o.id}`, { token: agent1 })).body.description).toBe(
      evil,
    );
    const count = await t.database.db.$count(tickets);
    expect(count).toBeGreaterThan(0);
  });

  it('creates once per Idempotency-Key, even for two concurrent requests', async () => {
    const headers = { 'Idempotency-Key': `double-click-${kind}` };
    const body = { type: 'inquiry', description: `idempotent ${kind}` };
    const [a, b] = await Promise.all([
      t.request<Ticket>('POST', '/tickets', { token: agent1, body, headers }),
      t.request<Ticket>('POST', '/tickets', { token: agent1, body, headers }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.body.id).toBe(b.body.id);
    const again = await t.request<Ticket>('POST', '/tickets', { token: agent1, body, headers });
    expect(again).toMatchObject({ status: 200, body: { id: a.body.id } });
    const rows = await t.database.db.select().from(tickets).where(eq(tickets.description, body.description));
    expect(rows).toHaveLength(1);
    // The key belongs to its user: another agent's same key is another order.
    const other = await t.request<Ticket>('POST', '/tickets', { token: agent2, body, headers });
    expect(other.status).toBe(201);
    expect(other.body.id).not.toBe(a.body.id);
  });

  it('writes nothing when the call to link does not exist, and the key stays free for the retry', async () => {
    const headers = { 'Idempotency-Key': `missing-call-${kind}` };
    const body = { ...repair(5), description: `no such call ${kind}` };
    const missing = await t.request('POST', '/tickets', {
      token: agent1,
      body: { ...body, callId: '00000000-0000-4000-8000-000000000000' },
      headers,
    });
    expect(missing).toMatchObject({ status: 404, body: { message: expect.stringMatching(/no call/) } });
    const written = async () => ({
      orders: await t.database.db.$count(tickets, eq(tickets.description, body.description)),
      audit: await t.database.db.$count(auditLog, eq(auditLog.action, 'ticket.create')),
    });
    const before = await written();
    expect(before.orders).toBe(0);
    const retry = await t.request<Ticket>('POST', '/tickets', { token: agent1, body, headers });
    expect(retry.status).toBe(201);
    expect(await written()).toEqual({ orders: 1, audit: before.audit + 1 });
  });

  it('numbers orders within their local day: from 1 on a new day, on from a day begun under the former counter', async () => {
    const repo = t.app.get(TicketsRepository, { strict: false });
    // A day on which 41 orders were numbered by the former per-day counter.
    await t.database.db.insert(ticketSequences).values({ day: '2031-03-02', last: 41 });
    const write = async (day: string) => {
      const id = randomUUID();
      const at = new Date(`${day}T09:00:00+08:00`);
      const out = await repo.insertNew({
        ticket: newTicketRow({
          id,
          number: 'unset',
          type: 'inquiry',
          status: 'accepted',
          description: `numbered on ${day}`,
          firstResponderId: agent1Id,
          ownerId: agent1Id,
          createdAt: at,
          updatedAt: at,
        }),
        day,
        clocks: [],
        events: [{ ticketId: id, actorId: agent1Id, kind: 'created', data: {}, withNumber: true, at }],
        audit: { actorId: agent1Id, action: 'ticket.create', entity: 'ticket', entityId: id, after: {} },
      });
      if (out.kind !== 'created') throw new Error(out.kind);
      return out.row.number;
    };
    const numbers = [];
    for (const day of ['2031-03-01', '2031-03-01', '2031-03-01', '2031-03-02', '2031-03-02']) {
      numbers.push(await write(day));
    }
    expect(numbers).toEqual([
      'GD20310301000001',
      'GD20310301000002',
      'GD20310301000003',
      'GD20310302000042',
      'GD20310302000043',
    ]);
    // The timeline entry and the audit record carry the number the order got.
    const [created] = await t.database.db
      .select()
      .from(ticketEvents)
      .innerJoin(tickets, eq(tickets.id, ticketEvents.ticketId))
      .where(eq(tickets.number, 'GD20310302000042'));
    expect(created?.ticket_events.data).toEqual({ number: 'GD20310302000042' });
  });

  it('runs a repair order through its status machine, enforcing roles, crew ownership and requirements', async () => {
    const o = await createOrder(t, agent1, repair(4));
    const crewId = await crewOf(t, 'crew01');
    const agentSocket = await t.socket(agent1);

    // Dispatch goes through its own route, never the generic transition.
    const viaTransition = await t.request('POST', `/tickets/${o.id}/transition`, {
      token: dispatcher,
      body: { to: 'dispatched' },
    });
    expect(viaTransition.status).toBe(409);
    expect(viaTransition.body.message).toMatch(/goes through dispatch/);

    const told = nextEvent(
      agentSocket,
      'notification',
      (n) => n.ticketId === o.id && /dispatched/.test(n.message),
    );
    await move(t, o.id, 'dispatched', DISPATCH, { via: 'dispatch', data: { crewId } });
    await told;
    expect(await crewRow(t, crewId)).toMatchObject({ status: 'dispatched', ticketId: o.id });

    const skip = await t.request('POST', `/tickets/${o.id}/transition`, {
      token: crew01,
      body: { to: 'completed' },
    });
    expect(skip.status).toBe(409);
    expect(skip.body.message).toMatch(/cannot move from dispatched to completed/);
    const notMine = await t.request('POST', `/tickets/${o.id}/transition`, {
      token: crew02,
      body: { to: 'acknowledged' },
    });
    expect(notMine.status).toBe(403);
    const wrongRole = await t.request('POST', `/tickets/${o.id}/transition`, {
      token: agent1,
      body: { to: 'acknowledged' },
    });
    expect(wrongRole.status).toBe(409);
    expect(wrongRole.body.message).toMatch(/role agent may not/);

    for (const to of ['acknowledged', 'en_route', 'on_site'] as const) {
      const r = await t.request<Ticket>('POST', `/tickets/${o.id}/transition`, {
        token: crew01,
        body: { to },
      });
      expect(r.status).toBe(200);
      expect(r.body.status).toBe(to);
    }
    const onSite = (await t.request<Ticket>('GET', `/tickets/${o.id}`, { token: agent1 })).body;
    expect(onSite.arrivedAt).not.toBeNull();
    expect(onSite.arrivalManual).toBe(true);
    expect(onSite.sla.arrival?.state).toBe('met');
    expect(onSite.sla.restoration?.state).toBe('running');
    expect(await crewRow(t, crewId)).toMatchObject({ status: 'on_site', ticketId: o.id });

    await t.request('POST', `/tickets/${o.id}/transition`, { token: crew01, body: { to: 'restored' } });
    const noReport = await t.request('POST', `/tickets/${o.id}/transition`, {
      token: crew01,
      body: { to: 'completed' },
    });
    expect(noReport.status).toBe(400);
    expect(noReport.body.message).toMatch(/report/);
    const done = await t.request<Ticket>('POST', `/tickets/${o.id}/transition`, {
      token: crew01,
      body: {
        to: 'completed',
        report: { cause: '10kV 线路跌落保险熔断', workDone: '更换熔丝', materials: '熔丝 2 个' },
      },
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'completed', report: { cause: '10kV 线路跌落保险熔断' } });
    expect(done.body.sla.restoration?.state).toBe('met');
    expect(await crewRow(t, crewId)).toMatchObject({ status: 'available', ticketId: null });

    const agentClose = await t.request('POST', `/tickets/${o.id}/transition`, {
      token: agent1,
      body: { to: 'closed' },
    });
    expect(agentClose.status).toBe(409);
    const notOurs = await t.request('POST', `/tickets/${o.id}/transition`, {
      token: qa,
      body: { to: 'closed', note: '不归我们管' },
    });
    expect(notOurs.status).toBe(422);
    const closed = await t.request<Ticket>('POST', `/tickets/${o.id}/transition`, {
      token: qa,
      body: { to: 'closed' },
    });
    expect(closed.body).toMatchObject({ status: 'closed', resolution: '10kV 线路跌落保险熔断: 更换熔丝' });
    expect(closed.body.closedAt).not.toBeNull();

    const reopenNoNote = await t.request('POST', `/tickets/${o.id}/transition`, {
      token: qa,
      body: { to: 'accepted' },
    });
    expect(reopenNoNote.status).toBe(400);
    const reopened = await t.request<Ticket>('POST', `/tickets/${o.id}/transition`, {
      token: qa,
      body: { to: 'accepted', note: '回访不满意：仍然停电' },
    });
    expect(reopened.body).toMatchObject({ status: 'accepted', reopenCount: 1, closedAt: null, crewId: null });
    expect(reopened.body.firstResponderId).toBe(agent1Id);

    const timeline = (await t.request<TimelineEntry[]>('GET', `/tickets/${o.id}/timeline`, { token: agent1 }))
      .body;
    expect(timeline.map((e) => e.kind)).toEqual([
      'created',
      'status',
      'status',
      'status',
      'status',
      'status',
      'status',
      'status',
      'reopened',
    ]);
  });

  it('runs a general order: progress, completion with a reply, cancel with a reason', async () => {
    const o = await createOrder(t, agent1, {
      type: 'complaint',
      customerId: cust[5]!.id,
      description: '电费异常',
    });
    const progress = await t.request<Ticket>('POST', `/tickets/${o.id}/transition`, {
      token: agent1,
      body: { to: 'in_progress' },
    });
    expect(progress.body.sla.response?.state).toBe('met');
    expect(
      (await t.request('POST', `/tickets/${o.id}/transition`, { token: agent1, body: { to: 'completed' } }))
        .status,
    ).toBe(400);
    const done = await t.request<Ticket>('POST', `/tickets/${o.id}/transition`, {
      token: agent1,
      body: { to: 'completed', note: '已核实电表读数并退费' },
    });
    expect(done.body).toMatchObject({ status: 'completed', resolution: '已核实电表读数并退费' });
    expect(done.body.sla.resolution?.state).toBe('met');

    const c = await createOrder(t, agent1, { type: 'inquiry', description: '咨询电价' });
    expect(
      (await t.request('POST', `/tickets/${c.id}/transition`, { token: agent1, body: { to: 'cancelled' } }))
        .status,
    ).toBe(400);
    const cancelled = await t.request<Ticket>('POST', `/tickets/${c.id}/transition`, {
      token: agent1,
      body: { to: 'cancelled', note: '客户重复来电' },
    });
    expect(cancelled.body.status).toBe('cancelled');
    expect(cancelled.body.sla.resolution?.state).toBe('exempt');
    // Never deleted; finished for good.
    expect((await t.request('GET', `/tickets/${c.id}`, { token: agent1 })).status).toBe(200);
    const again = await t.request('POST', `/tickets/${c.id}/transition`, {
      token: supervisor,
      body: { to: 'in_progress' },
    });
    expect(again.status).toBe(409);
    expect((await t.request('POST', `/tickets/${c.id}/urge`, { token: agent1, body: {} })).status).toBe(409);
  });

  it('hands an order over: the owner changes, the first responder never does, and both are told', async () => {
    const o = await createOrder(t, agent1, {
      type: 'complaint',
      customerId: cust[6]!.id,
      description: '计量争议',
    });
    const [s1, s2] = await Promise.all([t.socket(agent1), t.socket(agent2)]);
    const n1 = nextEvent(s1, 'notification', (n) => n.ticketId === o.id && n.kind === 'handoff');
    const n2 = nextEvent(s2, 'notification', (n) => n.ticketId === o.id && n.kind === 'handoff');
    const res = await t.request<Ticket>('POST', `/tickets/${o.id}/handoff`, {
      token: agent1,
      body: { toUserId: agent2Id, reason: '需计量班核实' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ownerId: agent2Id, firstResponderId: agent1Id });
    await Promise.all([n1, n2]);
    expect(
      (await t.request('POST', `/tickets/${o.id}/handoff`, { token: agent1, body: { toUserId: agent2Id } }))
        .status,
    ).toBe(400);
    const crewLead = await userId(t, 'crew03');
    expect(
      (
        await t.request('POST', `/tickets/${o.id}/handoff`, {
          token: agent2,
          body: { toUserId: crewLead, reason: 'x' },
        })
      ).status,
    ).toBe(422);
    expect(
      (
        await t.request('POST', `/tickets/${o.id}/handoff`, {
          token: agent2,
          body: { toUserId: agent2Id, reason: 'x' },
        })
      ).status,
    ).toBe(409);
    // A second hand-off and a status change by someone else: the first responder stays.
    const supId = await userId(t, 'supervisor1');
    await t.request('POST', `/tickets/${o.id}/handoff`, {
      token: agent2,
      body: { toUserId: supId, reason: '升级处理' },
    });
    const moved = await t.request<Ticket>('POST', `/tickets/${o.id}/transition`, {
      token: supervisor,
      body: { to: 'in_progress' },
    });
    expect(moved.body).toMatchObject({ ownerId: supId, firstResponderId: agent1Id });
    // The first responder's queue still holds it; the owner's queue too.
    const mine = await t.request<{ items: Ticket[] }>(
      'GET',
      '/tickets?firstResponderId=me&open=true&pageSize=500',
      {
        token: agent1,
      },
    );
    expect(mine.body.items.map((i) => i.id)).toContain(o.id);
    const owned = await t.request<{ items: Ticket[] }>('GET', `/tickets?ownerId=${supId}`, { token: agent1 });
    expect(owned.body.items.map((i) => i.id)).toEqual([o.id]);
    const kinds = (
      await t.request<TimelineEntry[]>('GET', `/tickets/${o.id}/timeline`, { token: agent1 })
    ).body.map((e) => e.kind);
    expect(kinds).toEqual(['created', 'handoff', 'handoff', 'status']);
    const notes = await t.request<{ kind: string; ticketId: string }[]>('GET', '/notifications', {
      token: agent1,
    });
    expect(notes.body.filter((n) => n.ticketId === o.id).map((n) => n.kind)).toEqual([
      'status',
      'handoff',
      'handoff',
    ]);
  });

  it('logs a follow-up call: linked, counted, first responder and dispatchers notified', async () => {
    const o = await createOrder(t, agent1, repair(7));
    const call = await t.request('POST', '/calls', {
      token: agent2,
      body: { phone: cust[7]!.phone, channel: 'phone' },
    });
    expect(call.status).toBe(201);
    expect(call.body.customerId).toBe(cust[7]!.id);
    expect(call.body.openTickets.map((x: Ticket) => x.id)).toContain(o.id);
    const [fr, disp] = await Promise.all([t.socket(agent1), t.socket(dispatcher)]);
    const toFr = nextEvent(fr, 'notification', (n) => n.ticketId === o.id && n.kind === 'urged');
    const toDisp = nextEvent(disp, 'notification', (n) => n.ticketId === o.id && n.kind === 'urged');
    const updated = nextEvent(disp, 'ticket.updated', (e) => e.id === o.id && e.change === 'urged');
    const res = await t.request<Ticket>('POST', `/tickets/${o.id}/urge`, {
      token: agent2,
      body: { callId: call.body.id, note: '客户第二次来电催促' },
    });
    expect(res.status).toBe(200);
    expect(res.body.urgeCount).toBe(1);
    await Promise.all([toFr, toDisp, updated]);
    const [row] = await t.database.db.select().from(calls).where(eq(calls.id, call.body.id));
    expect(row).toMatchObject({ ticketId: o.id, outcome: 'follow_up' });
    const twice = await t.request<Ticket>('POST', `/tickets/${o.id}/urge`, { token: agent2, body: {} });
    expect(twice.body.urgeCount).toBe(2);
    expect(
      (
        await t.request('POST', `/tickets/${o.id}/urge`, {
          token: agent2,
          body: { callId: '00000000-0000-4000-8000-000000000000' },
        })
      ).status,
    ).toBe(404);
  });

  it('finds an order by the number a customer reads out', async () => {
    const order = await createOrder(t, agent1, { type: 'inquiry', description: '来电查询工单进度' });
    const spoken = order.number.toLowerCase().replace(/^(gd)(\d{8})(\d+)$/, '$1 $2-$3');
    for (const ref of [order.number, spoken]) {
      const res = await t.request<Ticket>('GET', `/tickets/${encodeURIComponent(ref)}`, { token: agent2 });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: order.id, number: order.number });
    }
    const unknown = await t.request('GET', `/tickets/GD19990101000001`, { token: agent2 });
    expect(unknown.status).toBe(404);
    const bad = await t.request<{ message: string }>('GET', '/tickets/GD123', { token: agent2 });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/order id \(UUID\) or an order number/);
  });

  it('merges an order into a master', async () => {
    const a = await createOrder(t, agent1, { type: 'complaint', description: '同一投诉 A' });
    const b = await createOrder(t, agent2, { type: 'complaint', description: '同一投诉 B' });
    const res = await t.request<Ticket>('POST', `/tickets/${b.id}/merge`, {
      token: agent2,
      body: { parentId: a.id },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'merged', parentId: a.id });
    expect(
      (await t.request('POST', `/tickets/${a.id}/merge`, { token: agent2, body: { parentId: a.id } })).status,
    ).toBe(422);
    expect(
      (await t.request('POST', `/tickets/${b.id}/merge`, { token: agent2, body: { parentId: a.id } })).status,
    ).toBe(409);
    expect(
      (await t.request('POST', `/tickets/${a.id}/merge`, { token: qa, body: { parentId: b.id } })).status,
    ).toBe(403);
    const children = await t.request<{ items: Ticket[] }>('GET', `/tickets?parentId=${a.id}`, {
      token: agent1,
    });
    expect(children.body.items.map((i) => i.id)).toEqual([b.id]);
  });

  it('lists with filters, breaching first, closest to breach first', async () => {
    const x = await createOrder(t, agent2, { type: 'inquiry', description: '即将超时' });
    await t.database.db.execute(
      sql`update sla_clocks set due_at = now() + interval '2 minutes', warning_at = now() - interval '1 minute' where ticket_id = ${x.id}`,
    );
    const breaching = await t.request<{ items: Ticket[]; total: number }>('GET', '/tickets?breaching=true', {
      token: supervisor,
    });
    expect(breaching.body.items.map((i) => i.id)).toEqual([x.id]);
    const all = await t.request<{ items: Ticket[]; total: number }>('GET', '/tickets?pageSize=5', {
      token: supervisor,
    });
    expect(all.body.items[0]!.id).toBe(x.id);
    expect(all.body.total).toBeGreaterThan(5);
    const byType = await t.request<{ items: Ticket[] }>('GET', '/tickets?type=praise&pageSize=500', {
      token: supervisor,
    });
    expect(byType.body.items.every((i) => i.type === 'praise')).toBe(true);
    const urban = await t.request<{ items: Ticket[] }>(
      'GET',
      '/tickets?zoneClass=urban&status=accepted,completed',
      {
        token: supervisor,
      },
    );
    expect(
      urban.body.items.every((i) => i.zoneClass === 'urban' && ['accepted', 'completed'].includes(i.status)),
    ).toBe(true);
    expect((await t.request('GET', '/tickets?status=lost', { token: supervisor })).status).toBe(400);
    const crewView = await t.request<{ items: Ticket[] }>('GET', '/tickets?pageSize=500', { token: crew01 });
    const crewId = await crewOf(t, 'crew01');
    expect(crewView.body.items.every((i) => i.crewId === crewId)).toBe(true);
  });

  it('writes nothing and sends nothing when a transaction fails half-way', async () => {
    const o = await createOrder(t, agent1, { type: 'inquiry', description: '回滚测试' });
    const socket = await t.socket(agent1);
    let heard = false;
    socket.on('ticket.updated', (e) => {
      if (e.id === o.id) heard = true;
    });
    const workflow = t.app.get(TicketWorkflowService, { strict: false });
    const agent = {
      id: agent2Id,
      username: 'agent2',
      displayName: 'x',
      role: 'agent' as const,
      crewId: null,
      district: null,
      team: null,
    };
    await expect(
      inTransaction(t.database.db, async (tx) => {
        await workflow.transition(tx, o.id, 'in_progress', agent);
        throw new Error('boom after the move');
      }),
    ).rejects.toThrow('boom');
    const row = await t.database.db.query.tickets.findFirst({ where: eq(tickets.id, o.id) });
    expect(row?.status).toBe('accepted');
    expect(await t.database.db.$count(ticketEvents, eq(ticketEvents.ticketId, o.id))).toBe(1);
    expect(await t.database.db.$count(notifications, eq(notifications.ticketId, o.id))).toBe(0);
    expect(
      await t.database.db.$count(
        auditLog,
        and(eq(auditLog.entityId, o.id), eq(auditLog.action, 'ticket.in_progress')),
      ),
    ).toBe(0);
    const clock = await t.database.db.query.slaClocks.findFirst({ where: eq(slaClocks.ticketId, o.id) });
    expect(clock?.stoppedAt).toBeNull();
    await new Promise((r) => setTimeout(r, 200));
    expect(heard).toBe(false);
    // Outside inTransaction the workflow refuses rather than emit for a change that may roll back.
    await expect(
      t.database.db.transaction((tx) => workflow.transition(tx, o.id, 'in_progress', agent)),
    ).rejects.toThrow(/inTransaction/);
  });
});
