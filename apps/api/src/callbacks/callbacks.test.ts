import type { CallbackDetail, CallbackListItem, Ticket } from '@gd/domain';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callbackAttempts, callbacks, customers, notifications } from '../db/schema/index.js';
import { inTransaction } from '../db/transaction.js';
import { DATABASES, nextEvent, startTestApp, type TestApp } from '../test/harness.js';
import { TicketWorkflowService } from '../tickets/ticket-workflow.service.js';
import { needsCallback, sampleFraction } from './callbacks.sampling.js';
import { CallbacksService } from './callbacks.service.js';

const HOUR = 3_600_000;

describe('callback sampling', () => {
  it('is deterministic per order id and follows the rate', () => {
    const ids = Array.from(
      { length: 2000 },
      (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    );
    for (const id of ids.slice(0, 20)) expect(sampleFraction(id)).toBe(sampleFraction(id));
    const sampled = ids.filter((id) => needsCallback('inquiry', id, 0.2)).length;
    expect(sampled / ids.length).toBeGreaterThan(0.17);
    expect(sampled / ids.length).toBeLessThan(0.23);
    expect(ids.every((id) => needsCallback('fault_repair', id, 0) && needsCallback('complaint', id, 0))).toBe(
      true,
    );
    expect(ids.some((id) => needsCallback('praise', id, 0))).toBe(false);
    expect(ids.every((id) => needsCallback('praise', id, 1))).toBe(true);
  });
});

describe.each(DATABASES)('callbacks (回访) on %s', (kind) => {
  let t: TestApp;
  let customerId: string;
  let crewId: string;
  let agent: string;
  let qa: string;

  beforeAll(async () => {
    t = await startTestApp(kind, {
      customers: 20,
      env: { CALLBACK_SCAN_SECONDS: '0', CALLBACK_SAMPLE_RATE: '0.2', CALLBACK_MAX_ATTEMPTS: '3' },
    });
    const [c] = await t.database.db.select().from(customers).limit(1);
    customerId = c!.id;
    crewId = (await t.login('crew01')).user.crewId!;
    agent = await t.token('agent1');
    qa = await t.token('qa1');
  });
  afterAll(() => t?.close());

  const create = async (type: string, description = '测试工单') => {
    const res = await t.request<Ticket>('POST', '/tickets', {
      token: agent,
      body: { type, customerId, description },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  };
  const move = async (id: string, token: string, body: Record<string, unknown>) => {
    const res = await t.request<Ticket>('POST', `/tickets/${id}/transition`, { token, body });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };
  /** A general order: accepted → in_progress → completed with a reply to the customer. */
  const completeGeneral = async (id: string) => {
    const ticket = await t.request<Ticket>('GET', `/tickets/${id}`, { token: agent });
    if (ticket.body.status === 'accepted') await move(id, agent, { to: 'in_progress' });
    return move(id, agent, { to: 'completed', note: '已向客户解释电价政策' });
  };
  /** A repair: dispatched (through the workflow, as dispatch would) and worked by crew01 to completion. */
  const completeRepair = async (id: string) => {
    const workflow = t.app.get(TicketWorkflowService);
    await inTransaction(t.database.db, (tx) =>
      workflow.transition(
        tx,
        id,
        'dispatched',
        { system: 'auto-dispatch', role: 'dispatcher' },
        {
          via: 'dispatch',
          data: { crewId },
        },
      ),
    );
    const crew = await t.token('crew01');
    for (const to of ['acknowledged', 'en_route', 'on_site', 'restored']) await move(id, crew, { to });
    return move(id, crew, {
      to: 'completed',
      report: { cause: '表箱进线烧断', workDone: '更换进线并恢复供电' },
    });
  };
  const callbackOf = async (ticketId: string, status: 'due' | 'done' | 'unreachable' = 'due') => {
    const list = await t.request<CallbackListItem[]>('GET', `/callbacks?status=${status}`, { token: qa });
    expect(list.status).toBe(200);
    return list.body.find((c) => c.ticketId === ticketId);
  };
  const survey = (id: string, body: Record<string, unknown>, token = qa) =>
    t.request<CallbackListItem & { message?: unknown }>('POST', `/callbacks/${id}/attempts`, { token, body });

  it('opens a callback on every repair and complaint completion, and on a deterministic sample of the rest', async () => {
    const repair = await create('fault_repair', '家里停电');
    const done = await completeRepair(repair.id);
    const cb = await callbackOf(repair.id);
    expect(cb).toMatchObject({
      status: 'due',
      attempts: 0,
      ticketNumber: repair.number,
      ticketType: 'fault_repair',
    });
    expect(Date.parse(cb!.dueAt) - Date.parse(done.completedAt!)).toBe(24 * HOUR);
    expect(cb!.customerName).toBeTruthy();

    const complaint = await create('complaint', '抄表员态度差');
    await completeGeneral(complaint.id);
    expect(await callbackOf(complaint.id)).toBeDefined();

    for (let i = 0; i < 6; i++) {
      const inquiry = await create('inquiry', `咨询电价 ${i}`);
      await completeGeneral(inquiry.id);
      const expected = sampleFraction(inquiry.id) < 0.2;
      expect(Boolean(await callbackOf(inquiry.id))).toBe(expected);
    }
  }, 120_000); // a dozen orders worked through the API: slow on a loaded machine

  it('lists the queue by due time for QA and supervisors only, and shows the full story of one', async () => {
    const list = await t.request<CallbackListItem[]>('GET', '/callbacks?status=due', { token: qa });
    const sortKeys = list.body.map((c) => Date.parse(c.sortAt));
    expect(sortKeys).toEqual([...sortKeys].sort((a, b) => a - b));
    expect((await t.request('GET', '/callbacks', { token: await t.token('supervisor1') })).status).toBe(200);
    expect((await t.request('GET', '/callbacks', { token: agent })).status).toBe(403);
    expect((await t.request('GET', '/callbacks?status=maybe', { token: qa })).status).toBe(400);

    const repair = list.body.find((c) => c.ticketType === 'fault_repair')!;
    const story = await t.request<CallbackDetail>('GET', `/callbacks/${repair.id}`, { token: qa });
    expect(story.status).toBe(200);
    expect(story.body.ticket).toMatchObject({ id: repair.ticketId, status: 'completed' });
    expect(story.body.ticket.report).toMatchObject({ cause: '表箱进线烧断' });
    expect(story.body.crewName).toBeTruthy();
    expect(story.body.firstResponderName).toBeTruthy();
    expect(story.body.timeline.map((e) => e.data.to).filter(Boolean)).toEqual(
      expect.arrayContaining(['dispatched', 'on_site', 'completed']),
    );
    expect(story.body.history).toEqual([]);
    expect(
      (await t.request('GET', '/callbacks/00000000-0000-4000-8000-000000000000', { token: qa })).status,
    ).toBe(404);
  });

  it('closes (archives) the order when the customer is satisfied and the problem solved; a second survey is a 409', async () => {
    const ticket = await create('fault_repair', '线路跳闸');
    await completeRepair(ticket.id);
    const cb = (await callbackOf(ticket.id))!;
    const res = await survey(cb.id, {
      reached: true,
      resolved: true,
      satisfaction: 'basically_satisfied',
      timeliness: 'satisfied',
      attitude: 'satisfied',
      comment: '来得挺快',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ status: 'done', attempts: 1, outcome: 'resolved' });
    const closed = await t.request<Ticket>('GET', `/tickets/${ticket.id}`, { token: agent });
    expect(closed.body).toMatchObject({ status: 'closed', resolution: '表箱进线烧断: 更换进线并恢复供电' });
    expect(closed.body.closedAt).toBeTruthy();

    const again = await survey(cb.id, { reached: true, resolved: true, satisfaction: 'satisfied' });
    expect(again.status).toBe(409);
    const story = await t.request<CallbackDetail>('GET', `/callbacks/${cb.id}`, { token: qa });
    expect(story.body.history).toHaveLength(1);
    expect(story.body.history[0]).toMatchObject({
      reached: true,
      satisfaction: 'basically_satisfied',
      comment: '来得挺快',
    });
    expect(story.body.timeline.some((e) => e.kind === 'callback' && e.data.outcome === 'resolved')).toBe(
      true,
    );
  });

  it('reopens a dissatisfied repair back to dispatch and tells its first responder on a real socket', async () => {
    const agentLogin = await t.login('agent1');
    const ticket = await create('fault_repair', '刚修好又停电');
    await completeRepair(ticket.id);
    const cb = (await callbackOf(ticket.id))!;
    const socket = await t.socket(agentLogin.accessToken);
    const notice = nextEvent(
      socket,
      'notification',
      (n) => n.kind === 'dissatisfied_callback' && n.ticketId === ticket.id,
    );

    const res = await survey(cb.id, {
      reached: true,
      resolved: true,
      satisfaction: 'dissatisfied',
      comment: '抢修人员态度差',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ status: 'done', outcome: 'reopened' });
    await expect(notice).resolves.toMatchObject({
      userId: agentLogin.user.id,
      kind: 'dissatisfied_callback',
    });

    const reopened = await t.request<Ticket>('GET', `/tickets/${ticket.id}`, { token: agent });
    expect(reopened.body).toMatchObject({
      status: 'accepted',
      reopenCount: 1,
      crewId: null,
      completedAt: null,
    });
    const rows = await t.database.db
      .select()
      .from(notifications)
      .where(eq(notifications.ticketId, ticket.id));
    expect(rows.filter((n) => n.kind === 'dissatisfied_callback').map((n) => n.userId)).toEqual([
      agentLogin.user.id,
    ]);
    expect(await callbackOf(ticket.id)).toBeUndefined();

    // The next completion brings a new callback.
    await completeRepair(ticket.id);
    const second = await callbackOf(ticket.id);
    expect(second).toBeDefined();
    expect(second!.id).not.toBe(cb.id);
  });

  it('reopens an unresolved complaint back to its owner (in_progress)', async () => {
    const ticket = await create('complaint', '电费异常');
    await completeGeneral(ticket.id);
    const cb = (await callbackOf(ticket.id))!;
    const res = await survey(cb.id, { reached: true, resolved: false, satisfaction: 'satisfied' });
    expect(res.status).toBe(200);
    const reopened = await t.request<Ticket>('GET', `/tickets/${ticket.id}`, { token: agent });
    expect(reopened.body).toMatchObject({ status: 'in_progress', reopenCount: 1 });
  });

  it('retries an unreachable customer at the retry interval, up to the limit, then gives up', async () => {
    const ticket = await create('complaint', '停电通知不及时');
    await completeGeneral(ticket.id);
    const cb = (await callbackOf(ticket.id))!;
    for (let attempt = 1; attempt <= 2; attempt++) {
      const before = Date.now();
      const res = await survey(cb.id, { reached: false, comment: '无人接听' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'due', attempts: attempt });
      const retryIn = Date.parse(res.body.nextAttemptAt!) - before;
      expect(retryIn).toBeGreaterThanOrEqual(60 * 60_000 - 1000);
      expect(retryIn).toBeLessThan(60 * 60_000 + 5000);
      expect(res.body.sortAt).toBe(res.body.nextAttemptAt);
    }
    const last = await survey(cb.id, { reached: false });
    expect(last.body).toMatchObject({ status: 'unreachable', attempts: 3, nextAttemptAt: null });
    expect(await callbackOf(ticket.id, 'unreachable')).toBeDefined();
    expect((await survey(cb.id, { reached: false })).status).toBe(409);
    const order = await t.request<Ticket>('GET', `/tickets/${ticket.id}`, { token: agent });
    expect(order.body.status).toBe('completed');
  });

  it('refuses bad surveys with clear errors and changes nothing', async () => {
    const ticket = await create('complaint', '营业厅排队太久');
    await completeGeneral(ticket.id);
    const cb = (await callbackOf(ticket.id))!;
    const attemptsOf = async () =>
      (await t.database.db.select().from(callbackAttempts).where(eq(callbackAttempts.callbackId, cb.id)))
        .length;

    const badScale = await survey(cb.id, { reached: true, resolved: true, satisfaction: 'very_happy' });
    expect(badScale.status).toBe(400);
    expect(JSON.stringify(badScale.body.message)).toMatch(/satisfaction must be one of/);
    const noSatisfaction = await survey(cb.id, { reached: true, resolved: true });
    expect(noSatisfaction.status).toBe(400);
    expect(JSON.stringify(noSatisfaction.body.message)).toMatch(/satisfaction is required/);
    const answersWhenUnreached = await survey(cb.id, { reached: false, satisfaction: 'satisfied' });
    expect(answersWhenUnreached.status).toBe(400);
    expect((await survey(cb.id, { resolved: true })).status).toBe(400);
    expect((await survey(cb.id, { reached: true, satisfaction: 'satisfied' }, agent)).status).toBe(403);

    // The order was reopened by a supervisor meanwhile: a survey of it is a conflict.
    await move(ticket.id, await t.token('supervisor1'), { to: 'in_progress', note: '客户来电补充情况' });
    const notCompleted = await survey(cb.id, { reached: true, resolved: true, satisfaction: 'satisfied' });
    expect(notCompleted.status).toBe(409);
    expect(notCompleted.body.message).toMatch(/not completed/);

    expect(await attemptsOf()).toBe(0);
    const [row] = await t.database.db.select().from(callbacks).where(eq(callbacks.id, cb.id));
    expect(row).toMatchObject({ status: 'due', attempts: 0 });
  });

  it('escalates an overdue callback exactly once, to QA and supervisors', async () => {
    const ticket = await create('complaint', '电压不稳');
    await completeGeneral(ticket.id);
    const cb = (await callbackOf(ticket.id))!;
    const db = t.database.db;
    // Everything else is not yet due; this one is an hour late.
    await db.update(callbacks).set({ dueNotifiedAt: new Date() });
    await db
      .update(callbacks)
      .set({ dueAt: new Date(Date.now() - HOUR), dueNotifiedAt: null })
      .where(eq(callbacks.id, cb.id));

    const qaSocket = await t.socket(qa);
    const supSocket = await t.socket(await t.token('supervisor1'));
    const agentSocket = await t.socket(agent);
    const toQa = nextEvent(qaSocket, 'callback.due', (e) => e.id === cb.id);
    const toSup = nextEvent(supSocket, 'callback.due', (e) => e.id === cb.id);
    const notToAgent = nextEvent(agentSocket, 'callback.due', () => true, 800);
    let seen = 0;
    qaSocket.on('callback.due', (e) => {
      if (e.id === cb.id) seen++;
    });

    const service = t.app.get(CallbacksService);
    // Two nodes scanning at once: the claim lets only one of them announce it.
    const counts = await Promise.all([
      service.escalateOverdue(),
      service.escalateOverdue(),
      service.escalateOverdue(),
    ]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
    await expect(toQa).resolves.toMatchObject({ id: cb.id, ticketId: ticket.id });
    await expect(toSup).resolves.toMatchObject({ id: cb.id });
    await expect(notToAgent).rejects.toThrow(/no callback.due/);
    expect(await service.escalateOverdue()).toBe(0);
    await new Promise((r) => setTimeout(r, 200));
    expect(seen).toBe(1);
    const listed = await callbackOf(ticket.id);
    expect(listed!.overdue).toBe(true);
  });
});
