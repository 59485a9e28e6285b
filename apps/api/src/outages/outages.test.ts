import type { Outage, ScreenPop, Ticket } from '@gd/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, nextEvent, startTestApp, type TestApp } from '../test/harness.js';
import {
  createOrder,
  crewOf,
  crewRow,
  DISPATCH,
  move,
  squareAround,
  urbanCustomers,
} from '../tickets/work-orders.fixtures.js';

describe.each(DATABASES)('outages on %s', (kind) => {
  let t: TestApp;
  let agent: string;
  let dispatcher: string;
  let supervisor: string;
  let cust: Awaited<ReturnType<typeof urbanCustomers>>;

  beforeAll(async () => {
    t = await startTestApp(kind);
    agent = await t.token('agent1');
    dispatcher = await t.token('dispatcher1');
    supervisor = await t.token('supervisor1');
    cust = await urbanCustomers(t, 40);
  });
  afterAll(() => t?.close());

  const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
  const inHours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();

  it('validates the polygon and who may publish', async () => {
    const p = { lat: cust[0]!.lat, lng: cust[0]!.lng };
    const ok = squareAround(p, 1);
    const body = { kind: 'planned', startsAt: minutesAgo(1), description: '计划检修' };
    const open = { type: 'Polygon', coordinates: [ok.coordinates[0]!.slice(0, 4)] };
    const tiny = {
      type: 'Polygon',
      coordinates: [
        [
          [p.lng, p.lat],
          [p.lng + 0.01, p.lat],
          [p.lng, p.lat],
        ],
      ],
    };
    const badLat = {
      type: 'Polygon',
      coordinates: [
        [
          [p.lng, 95],
          [p.lng + 0.01, 95],
          [p.lng, 96],
          [p.lng, 95],
        ],
      ],
    };
    for (const [area, message] of [
      [open, /closed/],
      [tiny, /4 to 5000/],
      [badLat, /valid degrees/],
      [{ type: 'Point', coordinates: [p.lng, p.lat] }, /GeoJSON Polygon/],
    ] as const) {
      const res = await t.request('POST', '/outages', { token: dispatcher, body: { ...body, area } });
      expect(res.status).toBe(400);
      expect(res.body.message).toEqual(expect.arrayContaining([expect.stringMatching(message)]));
    }
    expect((await t.request('POST', '/outages', { token: agent, body: { ...body, area: ok } })).status).toBe(
      403,
    );
    const early = await t.request('POST', '/outages', {
      token: dispatcher,
      body: { ...body, area: ok, estimatedRestoreAt: minutesAgo(60) },
    });
    expect(early.status).toBe(400);
    const plannedWithMaster = await t.request('POST', '/outages', {
      token: dispatcher,
      body: { ...body, area: ok, ticketId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(plannedWithMaster.status).toBe(422);
  });

  it('shows a planned outage to a caller from inside its area, and only there', async () => {
    const c = cust[1]!;
    const agentSocket = await t.socket(agent);
    const heard = nextEvent(
      agentSocket,
      'outage.updated',
      (e) => e.outage.description === '10kV 湘江线计划检修',
    );
    const created = await t.request<Outage>('POST', '/outages', {
      token: supervisor,
      body: {
        kind: 'planned',
        area: squareAround(c, 0.4),
        startsAt: minutesAgo(5),
        endsAt: inHours(4),
        estimatedRestoreAt: inHours(4),
        description: '10kV 湘江线计划检修',
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ kind: 'planned', status: 'active', ticketId: null });
    await heard;

    const pop = await t.request<ScreenPop>('POST', '/calls', {
      token: agent,
      body: { phone: c.phone, channel: 'phone' },
    });
    expect(pop.status).toBe(201);
    expect(pop.body.knownOutages.map((o) => o.id)).toContain(created.body.id);
    expect(pop.body.knownOutages[0]!.estimatedRestoreAt).not.toBeNull();

    const here = await t.request<Outage[]>('GET', `/outages?active=true&lat=${c.lat}&lng=${c.lng}`, {
      token: agent,
    });
    expect(here.body.map((o) => o.id)).toContain(created.body.id);
    const far = await t.request<Outage[]>('GET', `/outages?active=true&lat=${c.lat + 0.05}&lng=${c.lng}`, {
      token: agent,
    });
    expect(far.body.map((o) => o.id)).not.toContain(created.body.id);
    expect((await t.request('GET', `/outages?lat=${c.lat}`, { token: agent })).status).toBe(400);

    // A planned outage that has not started is not shown as active.
    const later = await t.request<Outage>('POST', '/outages', {
      token: supervisor,
      body: { kind: 'planned', area: squareAround(c, 0.4), startsAt: inHours(48), description: '后天检修' },
    });
    const active = await t.request<Outage[]>('GET', `/outages?active=true&lat=${c.lat}&lng=${c.lng}`, {
      token: agent,
    });
    expect(active.body.map((o) => o.id)).not.toContain(later.body.id);
  });

  it('makes calls from inside a fault outage children of its master, and restoring restores them all', async () => {
    // A customer well away from the planned-outage area of the previous test.
    const [m, ...rest] = cust.slice(10);
    const crewId = await crewOf(t, 'crew05');
    const master = await createOrder(t, agent, {
      type: 'fault_repair',
      customerId: m!.id,
      description: '主单：变压器故障',
    });
    await move(t, master.id, 'dispatched', DISPATCH, { via: 'dispatch', data: { crewId } });

    const area = squareAround(m!, 0.6);
    const outage = await t.request<Outage>('POST', '/outages', {
      token: dispatcher,
      body: {
        kind: 'fault',
        area,
        startsAt: minutesAgo(2),
        estimatedRestoreAt: inHours(2),
        description: '配变故障',
        ticketId: master.id,
      },
    });
    expect(outage.status).toBe(201);
    expect(outage.body.ticketId).toBe(master.id);
    expect((await t.request<Ticket>('GET', `/tickets/${master.id}`, { token: agent })).body.outageId).toBe(
      outage.body.id,
    );
    const twice = await t.request('POST', '/outages', {
      token: dispatcher,
      body: { kind: 'fault', area, startsAt: minutesAgo(1), description: '重复', ticketId: master.id },
    });
    expect(twice.status).toBe(409);

    // Two calls from inside the area: the screen pop shows the outage, the orders become children.
    const near = { lat: m!.lat + 0.001, lng: m!.lng + 0.001 };
    const pop = await t.request<ScreenPop>('POST', '/calls', {
      token: agent,
      body: { phone: rest[0]!.phone, channel: 'phone' },
    });
    expect(pop.status).toBe(201);
    const child1 = await createOrder(t, agent, {
      type: 'fault_repair',
      callId: pop.body.id,
      location: near,
      description: '家里停电了',
    });
    expect(child1).toMatchObject({ parentId: master.id, outageId: outage.body.id, status: 'accepted' });
    expect(child1.sla.arrival?.state).toBe('exempt');
    expect(child1.sla.restoration?.state).toBe('running');
    const child2 = await createOrder(t, agent, {
      type: 'fault_repair',
      location: { lat: m!.lat - 0.001, lng: m!.lng },
      description: '也停电了',
    });
    expect(child2.parentId).toBe(master.id);
    // Outside the area: an ordinary order.
    const outside = await createOrder(t, agent, {
      type: 'fault_repair',
      location: { lat: m!.lat + 0.02, lng: m!.lng },
      description: '别处停电',
    });
    expect(outside.parentId).toBeNull();

    const disp = await t.socket(dispatcher);
    const restoredEvent = nextEvent(
      disp,
      'outage.updated',
      (e) => e.id === outage.body.id && e.outage.status === 'restored',
    );
    const childDone = nextEvent(
      disp,
      'ticket.updated',
      (e) => e.id === child1.id && e.ticket.status === 'completed',
    );
    expect((await t.request('POST', `/outages/${outage.body.id}/restore`, { token: agent })).status).toBe(
      403,
    );
    const restored = await t.request<Outage>('POST', `/outages/${outage.body.id}/restore`, {
      token: dispatcher,
    });
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ status: 'restored' });
    expect(restored.body.restoredAt).not.toBeNull();
    await Promise.all([restoredEvent, childDone]);

    const after = await t.request<Ticket>('GET', `/tickets/${master.id}`, { token: agent });
    expect(after.body.status).toBe('restored');
    expect(after.body.sla.restoration?.state).toBe('met');
    for (const id of [child1.id, child2.id]) {
      const c = (await t.request<Ticket>('GET', `/tickets/${id}`, { token: agent })).body;
      expect(c.status).toBe('completed');
      expect(c.report?.workDone).toMatch(master.number);
      expect(c.firstResponderId).toBe(master.firstResponderId);
    }
    expect((await t.request<Ticket>('GET', `/tickets/${outside.id}`, { token: agent })).body.status).toBe(
      'accepted',
    );
    expect(await crewRow(t, crewId)).toMatchObject({ status: 'on_site', ticketId: master.id });
    expect(
      (await t.request('POST', `/outages/${outage.body.id}/restore`, { token: dispatcher })).status,
    ).toBe(409);
    expect(
      (
        await t.request('POST', '/outages/00000000-0000-4000-8000-000000000000/restore', {
          token: dispatcher,
        })
      ).status,
    ).toBe(404);
  });

  it('restores the children when the crew restores the master itself', async () => {
    const m = cust[30]!;
    const crewId = await crewOf(t, 'crew06');
    const crewToken = await t.token('crew06');
    const master = await createOrder(t, agent, {
      type: 'fault_repair',
      customerId: m.id,
      description: '主单 2',
    });
    await move(t, master.id, 'dispatched', DISPATCH, { via: 'dispatch', data: { crewId } });
    const outage = await t.request<Outage>('POST', '/outages', {
      token: dispatcher,
      body: {
        kind: 'fault',
        area: squareAround(m, 0.3),
        startsAt: minutesAgo(1),
        description: '线路故障',
        ticketId: master.id,
      },
    });
    const child = await createOrder(t, agent, {
      type: 'fault_repair',
      location: { lat: m.lat, lng: m.lng + 0.0005 },
      description: '子单',
    });
    expect(child.parentId).toBe(master.id);
    for (const to of ['on_site', 'restored'] as const) {
      expect(
        (await t.request('POST', `/tickets/${master.id}/transition`, { token: crewToken, body: { to } }))
          .status,
      ).toBe(200);
    }
    expect((await t.request<Ticket>('GET', `/tickets/${child.id}`, { token: agent })).body.status).toBe(
      'completed',
    );
    const o = await t.request<Outage[]>('GET', `/outages?lat=${m.lat}&lng=${m.lng}`, { token: agent });
    expect(o.body.find((x) => x.id === outage.body.id)?.status).toBe('restored');
  });

  it('proposes merging several fault orders from one area in a short window', async () => {
    const base = cust[35]!;
    const orders: Ticket[] = [];
    for (let i = 0; i < 3; i++) {
      orders.push(
        await createOrder(t, agent, {
          type: 'fault_repair',
          location: { lat: base.lat + i * 0.002, lng: base.lng },
          description: `片区停电 ${i}`,
        }),
      );
    }
    const s = await t.request<{ suggested: boolean; masterId: string; tickets: Ticket[] }>(
      'GET',
      `/tickets/${orders[2]!.id}/merge-suggestions`,
      { token: dispatcher },
    );
    expect(s.status).toBe(200);
    expect(s.body.suggested).toBe(true);
    expect(s.body.masterId).toBe(orders[0]!.id);
    expect(s.body.tickets.map((x) => x.id)).toEqual(expect.arrayContaining(orders.map((o) => o.id)));
    const lone = await createOrder(t, agent, {
      type: 'fault_repair',
      location: { lat: base.lat + 0.05, lng: base.lng },
      description: '孤立停电',
    });
    const none = await t.request('GET', `/tickets/${lone.id}/merge-suggestions`, { token: dispatcher });
    expect(none.body).toEqual({ suggested: false, masterId: null, tickets: [] });
    // Merging them under the proposed master.
    for (const o of orders.slice(1)) {
      const r = await t.request<Ticket>('POST', `/tickets/${o.id}/merge`, {
        token: dispatcher,
        body: { parentId: s.body.masterId },
      });
      expect(r.body).toMatchObject({ status: 'merged', parentId: orders[0]!.id });
    }
  });
});
