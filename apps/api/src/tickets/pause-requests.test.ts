import type { SlaPauseRequest, Ticket, TimelineEntry } from '@gd/domain';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, notifications } from '../db/schema/index.js';
import { createRepair } from '../sla/sla.fixtures.js';
import { DATABASES, startTestApp, type TestApp } from '../test/harness.js';

describe.each(DATABASES)('SLA pause requests on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(() => t?.close());

  /** A repair order sent to crew01, and crew01's sign-in. */
  async function crewOrder(zoneId: string) {
    const order = await createRepair(t, await t.token('agent1'), zoneId);
    const crew = await t.login('crew01');
    const sent = await t.request<Ticket>('POST', `/tickets/${order.id}/dispatch`, {
      token: await t.token('dispatcher1'),
      body: { crewId: crew.user.crewId },
    });
    expect(sent.status).toBe(200);
    return { order, crew };
  }
  const noticesOf = (userId: string, kind: string) =>
    t.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, userId), eq(notifications.kind, kind)));
  const pending = async () =>
    (
      await t.request<SlaPauseRequest[]>('GET', '/sla/pause-requests?status=pending', {
        token: await t.token('supervisor1'),
      })
    ).body;

  it('a crew asks, the supervisor sees it in the queue and approves: the clock pauses, with timeline, audit and notice', async () => {
    const { order, crew } = await crewOrder('CS-U-YL');
    const supervisor = await t.login('supervisor1');
    const path = `/tickets/${order.id}/sla/pause-requests`;
    const asked = await t.request<SlaPauseRequest>('POST', path, {
      token: crew.accessToken,
      body: { clock: 'arrival', reason: 'force_majeure', note: '  倒树阻断道路 ' },
    });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({
      ticketId: order.id,
      number: order.number,
      clock: 'arrival',
      reason: 'force_majeure',
      note: '倒树阻断道路',
      status: 'pending',
      requestedBy: { id: crew.user.id, role: 'crew' },
      decidedAt: null,
    });
    expect(asked.body.clockNow?.state).toBe('running');
    // The same order and clock once more: 409, while the other clock may still be asked for.
    const again = await t.request('POST', path, {
      token: await t.token('dispatcher1'),
      body: { clock: 'arrival', reason: 'customer_unreachable' },
    });
    expect(again.status).toBe(409);
    expect(again.body.message).toMatch(/already waiting/);
    expect((await noticesOf(supervisor.user.id, 'pause.requested')).length).toBe(1);

    const queue = await pending();
    expect(queue.map((r) => r.id)).toContain(asked.body.id);
    // Nothing changed yet: the clock still runs.
    const before = await t.request<Ticket>('GET', `/tickets/${order.id}`, { token: crew.accessToken });
    expect(before.body.sla.arrival!.state).not.toBe('paused');

    const approved = await t.request<SlaPauseRequest>(
      'POST',
      `/sla/pause-requests/${asked.body.id}/approve`,
      {
        token: supervisor.accessToken,
      },
    );
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', decidedBy: supervisor.user.id });
    expect(approved.body.clockNow).toMatchObject({ state: 'paused', pauseReason: 'force_majeure' });
    const after = await t.request<Ticket>('GET', `/tickets/${order.id}`, { token: crew.accessToken });
    expect(after.body.sla.arrival).toMatchObject({ state: 'paused', pauseReason: 'force_majeure' });

    const timeline = (
      await t.request<TimelineEntry[]>('GET', `/tickets/${order.id}/timeline`, {
        token: supervisor.accessToken,
      })
    ).body;
    expect(timeline.find((e) => e.kind === 'sla.pause-requested')?.actorId).toBe(crew.user.id);
    const paused = timeline.find((e) => e.kind === 'sla.paused');
    expect(paused).toMatchObject({ actorId: supervisor.user.id });
    expect(paused!.data).toMatchObject({ requestId: asked.body.id, reason: 'force_majeure' });
    const audit = await t.database.db.select().from(auditLog).where(eq(auditLog.entityId, order.id));
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['sla.pause-request', 'sla.pause', 'sla.pause-request.approve']),
    );
    expect((await noticesOf(crew.user.id, 'pause.approved')).length).toBe(1);
    expect((await pending()).map((r) => r.id)).not.toContain(asked.body.id);

    // Decided once: a second decision is a 409 and changes nothing.
    for (const verb of ['approve', 'refuse']) {
      const twice = await t.request('POST', `/sla/pause-requests/${asked.body.id}/${verb}`, {
        token: supervisor.accessToken,
        body: { reason: '再次' },
      });
      expect(twice.status).toBe(409);
      expect(twice.body.message).toMatch(/already approved/);
    }
    const decided = await t.request<SlaPauseRequest[]>('GET', `/sla/pause-requests?ticketId=${order.id}`, {
      token: supervisor.accessToken,
    });
    expect(decided.body).toHaveLength(1);
    expect(decided.body[0]!.status).toBe('approved');
  });

  it('a dispatcher asks and the supervisor refuses with a reason: the clock runs on, the requester is told why', async () => {
    const order = await createRepair(t, await t.token('agent1'), 'CS-U-KF');
    const dispatcher = await t.login('dispatcher1');
    const asked = await t.request<SlaPauseRequest>('POST', `/tickets/${order.id}/sla/pause-requests`, {
      token: dispatcher.accessToken,
      body: { clock: 'restoration', reason: 'customer_unreachable' },
    });
    expect(asked.status).toBe(201);
    const supervisor = await t.token('supervisor1');
    const empty = await t.request('POST', `/sla/pause-requests/${asked.body.id}/refuse`, {
      token: supervisor,
      body: { reason: '' },
    });
    expect(empty.status).toBe(400);
    const refused = await t.request<SlaPauseRequest>('POST', `/sla/pause-requests/${asked.body.id}/refuse`, {
      token: supervisor,
      body: { reason: '客户电话已接通' },
    });
    expect(refused.status).toBe(200);
    expect(refused.body).toMatchObject({ status: 'refused', decisionNote: '客户电话已接通' });
    expect(refused.body.clockNow?.state).not.toBe('paused');
    const [notice] = await noticesOf(dispatcher.user.id, 'pause.refused');
    expect(notice?.data).toMatchObject({ params: { number: order.number, reason: '客户电话已接通' } });
    const timeline = (
      await t.request<TimelineEntry[]>('GET', `/tickets/${order.id}/timeline`, { token: supervisor })
    ).body;
    expect(timeline.find((e) => e.kind === 'sla.pause-refused')?.data).toMatchObject({
      reason: '客户电话已接通',
    });
    expect(timeline.some((e) => e.kind === 'sla.paused')).toBe(false);
    // Once refused, the same clock may be asked for again.
    const anew = await t.request('POST', `/tickets/${order.id}/sla/pause-requests`, {
      token: dispatcher.accessToken,
      body: { clock: 'restoration', reason: 'customer_appointment' },
    });
    expect(anew.status).toBe(201);
  });

  it('checks roles, the crew’s own order, input, and clocks that cannot pause', async () => {
    const order = await createRepair(t, await t.token('agent1'), 'CS-U-FR');
    const path = `/tickets/${order.id}/sla/pause-requests`;
    const body = { clock: 'arrival', reason: 'customer_unreachable' };
    // A crew not sent to this order; an agent and QA may not ask (agents pause directly where allowed).
    expect((await t.request('POST', path, { token: await t.token('crew02'), body })).status).toBe(403);
    expect((await t.request('POST', path, { token: await t.token('qa1'), body })).status).toBe(403);
    const dispatcher = await t.token('dispatcher1');
    const bad = await t.request('POST', path, {
      token: dispatcher,
      body: { clock: 'arrival', reason: 'bored', note: 'x'.repeat(501) },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message.join(' ')).toMatch(/reason/);
    expect(
      (await t.request('POST', path, { token: dispatcher, body: { ...body, clock: 'response' } })).status,
    ).toBe(404);
    expect(
      (
        await t.request('POST', '/tickets/00000000-0000-4000-8000-000000000000/sla/pause-requests', {
          token: dispatcher,
          body,
        })
      ).status,
    ).toBe(404);
    // Only supervisors read the queue and decide.
    expect((await t.request('GET', '/sla/pause-requests', { token: dispatcher })).status).toBe(403);
    expect(
      (await t.request('GET', '/sla/pause-requests?status=maybe', { token: await t.token('supervisor1') }))
        .status,
    ).toBe(400);
    const asked = await t.request<SlaPauseRequest>('POST', path, { token: dispatcher, body });
    expect(
      (await t.request('POST', `/sla/pause-requests/${asked.body.id}/approve`, { token: dispatcher })).status,
    ).toBe(403);
    expect(
      (
        await t.request('POST', '/sla/pause-requests/00000000-0000-4000-8000-000000000000/approve', {
          token: await t.token('supervisor1'),
        })
      ).status,
    ).toBe(404);
    // A clock already paused by hand cannot be asked for; nor can approving a request pause it twice.
    await t.request('POST', `/tickets/${order.id}/sla/pause`, {
      token: dispatcher,
      body: { clock: 'arrival', reason: 'customer_appointment' },
    });
    const late = await t.request('POST', `/sla/pause-requests/${asked.body.id}/approve`, {
      token: await t.token('supervisor1'),
    });
    expect(late.status).toBe(409);
    expect((await pending()).find((r) => r.id === asked.body.id)?.status).toBe('pending');
    const paused = await t.request('POST', `/tickets/${order.id}/sla/pause-requests`, {
      token: dispatcher,
      body: { clock: 'restoration', reason: 'force_majeure' },
    });
    expect(paused.status).toBe(201);
  });
});
