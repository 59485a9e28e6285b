import type { Crew, LatLng, Ticket, TimelineEntry } from '@gd/domain';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { assignments, crews, customers } from '../db/schema/index.js';
import { DATABASES, nextEvent, startTestApp, type TestApp } from '../test/harness.js';
import type { CandidateView } from './candidates.service.js';

describe.each(DATABASES)('dispatch on %s', (kind) => {
  let t: TestApp;
  let agent: string;
  let dispatcher: string;
  let urban: (typeof customers.$inferSelect)[];
  let next = 0;
  beforeAll(async () => {
    t = await startTestApp(kind);
    agent = await t.token('agent1');
    dispatcher = await t.token('dispatcher1');
    urban = await t.database.db.select().from(customers).where(eq(customers.zoneClass, 'urban')).limit(40);
  });
  afterAll(() => t?.close());

  const order = async (body: Record<string, unknown> = {}) => {
    const customer = urban[next++ % urban.length]!;
    const res = await t.request<Ticket>('POST', '/tickets', {
      token: agent,
      body: {
        type: 'fault_repair',
        customerId: customer.id,
        description: '整栋楼停电',
        requiredSkills: ['cable'],
        ...body,
      },
    });
    if (res.status !== 201) throw new Error(`create: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const crewById = async (id: string) =>
    (await t.database.db.query.crews.findFirst({ where: eq(crews.id, id) }))!;
  const assignmentsOf = (ticketId: string) =>
    t.database.db.select().from(assignments).where(eq(assignments.ticketId, ticketId));
  const setAuto = (on: boolean) =>
    t.request('PUT', '/dispatch/settings', { token: dispatcher, body: { autoDispatch: on } });
  /** Fixes at `site`, the first now and one every 10 s after (within the 2-minute clock skew allowed). */
  const fixesAt = (site: LatLng, n: number, offsetM = 0) =>
    Array.from({ length: n }, (_, i) => ({
      lat: site.lat + (offsetM * (i % 2 === 0 ? 1 : 1.1)) / 111_195,
      lng: site.lng,
      recordedAt: new Date(Date.now() + 1000 + i * 10_000).toISOString(),
      accuracyM: 10,
    }));

  it('ranks crews with the skills, soonest first, and explains the others on request', async () => {
    const o = await order({ requiredSkills: ['cable'] });
    const res = await t.request<CandidateView[]>('GET', `/tickets/${o.id}/candidates`, { token: dispatcher });
    expect(res.status).toBe(200);
    expect(res.body.length).toBeGreaterThan(3);
    expect(res.body.every((c) => c.skillsOk && c.eligible && c.status === 'available')).toBe(true);
    const etas = res.body.map((c) => c.etaMinutes);
    expect(etas).toEqual([...etas].sort((a, b) => a - b));
    expect(res.body[0]).toMatchObject({
      crewId: expect.any(String),
      distanceKm: expect.any(Number),
      meetsArrivalSla: expect.any(Boolean),
      code: expect.stringMatching(/^C\d\d$/),
    });
    const again = await t.request<CandidateView[]>('GET', `/tickets/${o.id}/candidates`, {
      token: dispatcher,
    });
    expect(again.body.map((c) => c.crewId)).toEqual(res.body.map((c) => c.crewId));
    const all = await t.request<CandidateView[]>(
      'GET',
      `/tickets/${o.id}/candidates?includeIneligible=true&limit=50`,
      { token: dispatcher },
    );
    expect(all.body).toHaveLength(40);
    expect(all.body.filter((c) => !c.eligible).every((c) => c.reason === 'skills' && !c.skillsOk)).toBe(true);
    expect(
      (await t.request('GET', `/tickets/${o.id}/candidates`, { token: await t.token('crew01') })).status,
    ).toBe(403);
  });

  it('dispatches to the top candidate and records the assignment', async () => {
    const o = await order();
    const [best] = (
      await t.request<CandidateView[]>('GET', `/tickets/${o.id}/candidates`, { token: dispatcher })
    ).body;
    const res = await t.request<Ticket>('POST', `/tickets/${o.id}/dispatch`, {
      token: dispatcher,
      body: { reason: 'nearest' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'dispatched', crewId: best!.crewId });
    expect(res.body.dispatchedAt).not.toBeNull();
    const [a] = await assignmentsOf(o.id);
    expect(a).toMatchObject({
      crewId: best!.crewId,
      mode: 'manual',
      reason: 'nearest',
      releasedAt: null,
      etaMinutes: best!.etaMinutes,
      distanceKm: best!.distanceKm,
    });
    expect(a!.assignedBy).toMatch(/^[0-9a-f-]{36}$/);
    expect(await crewById(best!.crewId)).toMatchObject({ status: 'dispatched', ticketId: o.id });
    // The crew is no longer a candidate for anything else, and cannot go off duty.
    const other = await order();
    const cands = (
      await t.request<CandidateView[]>('GET', `/tickets/${other.id}/candidates`, { token: dispatcher })
    ).body;
    expect(cands.map((c) => c.crewId)).not.toContain(best!.crewId);
    const crewLogin = (await t.database.db.query.staff.findFirst({
      where: (s, { eq: e }) => e(s.crewId, best!.crewId),
    }))!;
    const off = await t.request('POST', `/crews/${best!.crewId}/status`, {
      token: await t.token(crewLogin.username),
      body: { status: 'off_duty' },
    });
    expect(off.status).toBe(409);
  });

  it('refuses an off-duty crew (409) or one without the skill (422), changing nothing', async () => {
    const o = await order({ requiredSkills: ['cable'] });
    const rows = await t.database.db.select().from(crews);
    const offDuty = rows.find((c) => c.skills.includes('cable') && c.status === 'available')!;
    await t.database.db.update(crews).set({ status: 'off_duty' }).where(eq(crews.id, offDuty.id));
    const refused = await t.request('POST', `/tickets/${o.id}/dispatch`, {
      token: dispatcher,
      body: { crewId: offDuty.id },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/off duty/);
    const noSkill = rows.find((c) => !c.skills.includes('cable') && c.status === 'available')!;
    const wrong = await t.request('POST', `/tickets/${o.id}/dispatch`, {
      token: dispatcher,
      body: { crewId: noSkill.id },
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body.message).toMatch(/skills/);
    const after = await t.request<Ticket>('GET', `/tickets/${o.id}`, { token: dispatcher });
    expect(after.body).toMatchObject({ status: 'accepted', crewId: null, dispatchedAt: null });
    expect(await assignmentsOf(o.id)).toEqual([]);
    expect((await crewById(offDuty.id)).status).toBe('off_duty');
    expect(await crewById(noSkill.id)).toMatchObject({ status: 'available', ticketId: null });
    expect((await t.request('POST', `/tickets/${o.id}/dispatch`, { token: agent, body: {} })).status).toBe(
      403,
    );
    await t.database.db.update(crews).set({ status: 'available' }).where(eq(crews.id, offDuty.id));
  });

  it('reassigns: the previous crew is released and the history kept', async () => {
    const o = await order();
    const [first, second] = (
      await t.request<CandidateView[]>('GET', `/tickets/${o.id}/candidates`, { token: dispatcher })
    ).body;
    await t.request('POST', `/tickets/${o.id}/dispatch`, {
      token: dispatcher,
      body: { crewId: first!.crewId },
    });
    const again = await t.request('POST', `/tickets/${o.id}/dispatch`, {
      token: dispatcher,
      body: { crewId: first!.crewId },
    });
    expect(again.status).toBe(409);
    const moved = await t.request<Ticket>('POST', `/tickets/${o.id}/dispatch`, {
      token: dispatcher,
      body: { crewId: second!.crewId, reason: 'first crew stuck in traffic' },
    });
    expect(moved.body).toMatchObject({ status: 'dispatched', crewId: second!.crewId });
    const history = await assignmentsOf(o.id);
    expect(history).toHaveLength(2);
    expect(history.find((a) => a.crewId === first!.crewId)!.releasedAt).not.toBeNull();
    expect(history.find((a) => a.crewId === second!.crewId)!.releasedAt).toBeNull();
    expect(await crewById(first!.crewId)).toMatchObject({ status: 'available', ticketId: null });
    expect(await crewById(second!.crewId)).toMatchObject({ status: 'dispatched', ticketId: o.id });
  });

  it('records arrival when the GPS enters the geofence: on_site, arrival clock stopped, not manual', async () => {
    const o = await order();
    const sent = await t.request<Ticket>('POST', `/tickets/${o.id}/dispatch`, {
      token: dispatcher,
      body: {},
    });
    const crewId = sent.body.crewId!;
    const lead = (await t.database.db.query.staff.findFirst({
      where: (s, { eq: e }) => e(s.crewId, crewId),
    }))!;
    const token = await t.token(lead.username);
    const site = o.location!;
    // Parked at the fence edge with jitter (every other fix outside): no arrival.
    const edge = fixesAt(site, 4, 145).map((p, i) => ({
      ...p,
      lat: site.lat + (i % 2 ? 160 : 140) / 111_195,
    }));
    expect((await t.request('POST', `/crews/${crewId}/positions`, { token, body: edge })).body.accepted).toBe(
      4,
    );
    expect((await t.request<Ticket>('GET', `/tickets/${o.id}`, { token: dispatcher })).body.status).toBe(
      'dispatched',
    );

    const dispatcherSocket = await t.socket(dispatcher);
    const updated = nextEvent(
      dispatcherSocket,
      'ticket.updated',
      (e) => e.id === o.id && e.ticket.status === 'on_site',
    );
    const inside = fixesAt(site, 3, 20).map((p, i) => ({
      ...p,
      recordedAt: new Date(Date.now() + 45_000 + i * 15_000).toISOString(),
    }));
    const res = await t.request('POST', `/crews/${crewId}/positions`, { token, body: inside });
    expect(res.body.accepted).toBe(3);
    await expect(updated).resolves.toBeTruthy();
    const ticket = (await t.request<Ticket>('GET', `/tickets/${o.id}`, { token: dispatcher })).body;
    expect(ticket).toMatchObject({ status: 'on_site', arrivalManual: false });
    expect(ticket.arrivedAt).not.toBeNull();
    expect(ticket.sla.arrival?.stoppedAt).not.toBeNull();
    expect(['met', 'breached']).toContain(ticket.sla.arrival?.state);
    const [a] = await assignmentsOf(o.id);
    expect(a!.arrivedAt).not.toBeNull();
    expect(a!.arrivalManual).toBe(false);
    expect((await crewById(crewId)).status).toBe('on_site');
    const timeline = await t.request<TimelineEntry[]>('GET', `/tickets/${o.id}/timeline`, {
      token: dispatcher,
    });
    expect(timeline.body.some((e) => e.data.to === 'on_site' && e.data.system === 'geofence')).toBe(true);
  });

  it('stops the arrival clock when the crew entered the fence, not when a late upload of it was processed', async () => {
    const o = await order();
    const sent = await t.request<Ticket>('POST', `/tickets/${o.id}/dispatch`, {
      token: dispatcher,
      body: {},
    });
    const crewId = sent.body.crewId!;
    // Everything happened 40 minutes ago: the order, its 30-minute arrival clock (due 10 minutes ago) and the
    // dispatch; the crew reached the site 25 minutes ago, in time, but its phone was offline until now.
    const minutes = (m: number) => new Date(Date.now() - m * 60_000);
    await t.database.db.execute(sql`update sla_clocks
      set clock = jsonb_set(jsonb_set(jsonb_set(clock, '{startedAt}', to_jsonb(${minutes(40).toISOString()}::text)),
            '{dueAt}', to_jsonb(${minutes(10).toISOString()}::text)), '{rawDueAt}', to_jsonb(${minutes(10).toISOString()}::text)),
          due_at = ${minutes(10)}
      where ticket_id = ${o.id} and kind = 'arrival'`);
    await t.database.db
      .update(assignments)
      .set({ assignedAt: minutes(38) })
      .where(eq(assignments.ticketId, o.id));
    const lead = (await t.database.db.query.staff.findFirst({
      where: (s, { eq: e }) => e(s.crewId, crewId),
    }))!;
    const token = await t.token(lead.username);
    const entered = minutes(25);
    const late = fixesAt(o.location!, 3, 20).map((p, i) => ({
      ...p,
      recordedAt: new Date(entered.getTime() + i * 15_000).toISOString(),
    }));
    expect((await t.request('POST', `/crews/${crewId}/positions`, { token, body: late })).body.accepted).toBe(
      3,
    );
    // The geofence check runs before the upload is answered.
    const ticket = (await t.request<Ticket>('GET', `/tickets/${o.id}`, { token: dispatcher })).body;
    expect(ticket.status).toBe('on_site');
    expect(new Date(ticket.arrivedAt!).getTime()).toBe(entered.getTime());
    expect(ticket.sla.arrival).toMatchObject({ state: 'met', stoppedAt: entered.toISOString() });
    const [a] = await assignmentsOf(o.id);
    expect(a!.arrivedAt?.getTime()).toBe(entered.getTime());
  });

  it('pre-empts a crew driving to another order only for an urgent order, when asked', async () => {
    const a = await order();
    const sent = await t.request<Ticket>('POST', `/tickets/${a.id}/dispatch`, {
      token: dispatcher,
      body: {},
    });
    const crewId = sent.body.crewId!;
    const lead = (await t.database.db.query.staff.findFirst({
      where: (s, { eq: e }) => e(s.crewId, crewId),
    }))!;
    const crewToken = await t.token(lead.username);
    expect(
      (await t.request('POST', `/tickets/${a.id}/transition`, { token: crewToken, body: { to: 'en_route' } }))
        .status,
    ).toBe(200);

    const normal = await order();
    const busy = await t.request('POST', `/tickets/${normal.id}/dispatch`, {
      token: dispatcher,
      body: { crewId },
    });
    expect(busy.status).toBe(409);
    const urgent = await order({ priority: 'urgent' });
    const hint = await t.request('POST', `/tickets/${urgent.id}/dispatch`, {
      token: dispatcher,
      body: { crewId },
    });
    expect(hint.status).toBe(409);
    expect(hint.body.message).toMatch(/allowPreemption/);
    const taken = await t.request<Ticket>('POST', `/tickets/${urgent.id}/dispatch`, {
      token: dispatcher,
      body: { crewId, allowPreemption: true, reason: '医院停电' },
    });
    expect(taken.status).toBe(200);
    expect(taken.body).toMatchObject({ status: 'dispatched', crewId });
    const back = (await t.request<Ticket>('GET', `/tickets/${a.id}`, { token: dispatcher })).body;
    expect(back).toMatchObject({ status: 'accepted', crewId: null });
    const timeline = await t.request<TimelineEntry[]>('GET', `/tickets/${a.id}/timeline`, {
      token: dispatcher,
    });
    expect(
      timeline.body.some((e) => e.data.to === 'accepted' && String(e.data.note).includes(urgent.number)),
    ).toBe(true);
    expect(await crewById(crewId)).toMatchObject({ status: 'dispatched', ticketId: urgent.id });
  });

  it('flags an arrival marked by hand, with its reason', async () => {
    const o = await order();
    const sent = await t.request<Ticket>('POST', `/tickets/${o.id}/dispatch`, {
      token: dispatcher,
      body: {},
    });
    const lead = (await t.database.db.query.staff.findFirst({
      where: (s, { eq: e }) => e(s.crewId, sent.body.crewId!),
    }))!;
    const res = await t.request<Ticket>('POST', `/tickets/${o.id}/transition`, {
      token: await t.token(lead.username),
      body: { to: 'on_site', note: 'GPS 无信号（地下配电室）' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'on_site', arrivalManual: true });
    const [a] = await assignmentsOf(o.id);
    expect(a).toMatchObject({ arrivalManual: true });
    expect(a!.arrivedAt).not.toBeNull();
  });

  it('auto-dispatches new fault orders when switched on, and alerts when no crew can go', async () => {
    expect((await t.request('GET', '/dispatch/settings', { token: dispatcher })).body).toEqual({
      autoDispatch: false,
      geofenceRadiusM: 150,
    });
    expect(
      (await t.request('PUT', '/dispatch/settings', { token: agent, body: { autoDispatch: true } })).status,
    ).toBe(403);
    const manual = await order();
    expect(manual.status).toBe('accepted');

    expect((await setAuto(true)).body).toMatchObject({ autoDispatch: true });
    const audit = await t.request('GET', '/audit?action=settings.dispatch', {
      token: await t.token('supervisor1'),
    });
    expect(audit.body.items[0]).toMatchObject({ after: { autoDispatch: true } });

    // The answer does not wait for the planner: the order is dispatched right after.
    const created = await order();
    const auto = await vi.waitFor(
      async () => {
        const now = (await t.request<Ticket>('GET', `/tickets/${created.id}`, { token: dispatcher })).body;
        expect(now).toMatchObject({ status: 'dispatched', crewId: expect.any(String) });
        return now;
      },
      { timeout: 10_000, interval: 100 },
    );
    const [a] = await assignmentsOf(auto.id);
    expect(a).toMatchObject({ mode: 'auto', assignedBy: null, crewId: auto.crewId });

    // No crew has both cable and overhead line: nobody goes, dispatchers and supervisors hear of it.
    const sup = await t.socket(await t.token('supervisor1'));
    // The alert follows the planning run, after the answer: wait for it.
    // (Other alerts may come first: orders earlier tests left waiting, sent late by the same runs.)
    const alerts: string[] = [];
    sup.on('notification', (n) => {
      if (n.kind === 'dispatch.alert' && n.ticketId) alerts.push(n.ticketId);
    });
    const stuck = await order({ requiredSkills: ['cable', 'overhead_line'] });
    expect(stuck.status).toBe('accepted');
    await vi.waitFor(() => expect(alerts).toContain(stuck.id), { timeout: 20_000, interval: 100 });
    const timeline = await t.request<TimelineEntry[]>('GET', `/tickets/${stuck.id}/timeline`, {
      token: dispatcher,
    });
    expect(timeline.body.map((e) => e.kind)).toContain('dispatch.alert');

    // Non-repair orders are never auto-dispatched.
    const complaint = await t.request<Ticket>('POST', '/tickets', {
      token: agent,
      body: { type: 'complaint', customerId: urban[0]!.id, description: '服务态度差' },
    });
    expect(complaint.body.crewId).toBeNull();
    await setAuto(false);
    // The planner sent the orders the earlier tests left waiting too: take them back so their crews are free.
    const planned = await t.database.db
      .select()
      .from(assignments)
      .where(and(eq(assignments.mode, 'auto'), isNull(assignments.releasedAt)));
    for (const p of planned.filter((p) => p.ticketId !== auto.id)) {
      const undone = await t.request('POST', `/tickets/${p.ticketId}/transition`, {
        token: dispatcher,
        body: { to: 'cancelled', note: 'test: free the crew' },
      });
      expect(undone.status).toBe(200);
    }

    // Combined crews: a cable crew, then an overhead-line crew joins; the first one in stops the arrival clock.
    const cable = (await t.request<Crew[]>('GET', '/crews', { token: dispatcher })).body.find(
      (c) => c.status === 'available' && c.skills.includes('cable'),
    )!;
    const line = (await t.request<Crew[]>('GET', '/crews', { token: dispatcher })).body.find(
      (c) => c.status === 'available' && c.skills.includes('overhead_line'),
    )!;
    const first = await t.request<Ticket>('POST', `/tickets/${stuck.id}/dispatch`, {
      token: dispatcher,
      body: { crewId: cable.id },
    });
    expect(first.body).toMatchObject({ status: 'dispatched', crewId: cable.id });
    const second = await t.request<Ticket>('POST', `/tickets/${stuck.id}/dispatch`, {
      token: dispatcher,
      body: { crewId: line.id, additional: true },
    });
    expect(second.status).toBe(200);
    expect(second.body.crewId).toBe(cable.id);
    expect(await crewById(line.id)).toMatchObject({ status: 'dispatched', ticketId: stuck.id });
    expect((await assignmentsOf(stuck.id)).filter((x) => x.releasedAt === null)).toHaveLength(2);

    const lineLead = (await t.database.db.query.staff.findFirst({
      where: (s, { eq: e }) => e(s.crewId, line.id),
    }))!;
    await t.request('POST', `/crews/${line.id}/positions`, {
      token: await t.token(lineLead.username),
      body: fixesAt(stuck.location!, 3, 10),
    });
    const arrived = (await t.request<Ticket>('GET', `/tickets/${stuck.id}`, { token: dispatcher })).body;
    expect(arrived.status).toBe('on_site');
    expect(arrived.sla.arrival?.stoppedAt).not.toBeNull();
    expect(await crewById(line.id)).toMatchObject({ status: 'on_site' });
    expect((await crewById(cable.id)).status).toBe('dispatched');
    const rows = await assignmentsOf(stuck.id);
    expect(rows.find((x) => x.crewId === line.id)!.arrivedAt).not.toBeNull();
    expect(rows.find((x) => x.crewId === cable.id)!.arrivedAt).toBeNull();

    // Finishing the order frees every crew on it.
    const done = await t.request<Ticket>('POST', `/tickets/${stuck.id}/transition`, {
      token: dispatcher,
      body: { to: 'completed', report: { cause: '电缆头击穿', workDone: '更换电缆头，恢复送电' } },
    });
    expect(done.body.status).toBe('completed');
    expect(await crewById(line.id)).toMatchObject({ status: 'available', ticketId: null });
    expect(await crewById(cable.id)).toMatchObject({ status: 'available', ticketId: null });
    expect((await assignmentsOf(stuck.id)).every((x) => x.releasedAt !== null)).toBe(true);
  }, 60_000);
});

describe.each(DATABASES)('crew shifts in the configured time zone on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind, { env: { TZ: 'UTC' } });
  });
  afterAll(() => t?.close());

  it('judges a shift in TZ, not in Asia/Shanghai', async () => {
    // A two-hour shift around this minute in Shanghai: off shift in UTC, eight hours earlier.
    const shanghai = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Shanghai',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(new Date());
    const [h, m] = shanghai.split(':').map(Number) as [number, number];
    const hhmm = (minutes: number) => {
      const x = (minutes + 1440) % 1440;
      return `${String(Math.floor(x / 60)).padStart(2, '0')}:${String(x % 60).padStart(2, '0')}`;
    };
    const admin = await t.token('admin');
    const dispatcher = await t.token('dispatcher1');
    const crew = (await t.database.db.query.crews.findFirst({ where: eq(crews.code, 'C01') }))!;
    const shift = { start: hhmm(h * 60 + m - 60), end: hhmm(h * 60 + m + 60) };
    expect((await t.request('PATCH', `/crews/${crew.id}`, { token: admin, body: { shift } })).status).toBe(
      200,
    );
    const customer = (await t.database.db.select().from(customers).limit(1))[0]!;
    const order = await t.request<Ticket>('POST', '/tickets', {
      token: await t.token('agent1'),
      body: { type: 'fault_repair', customerId: customer.id, description: '停电' },
    });
    const all = await t.request<CandidateView[]>(
      'GET',
      `/tickets/${order.body.id}/candidates?includeIneligible=true&limit=50`,
      { token: dispatcher },
    );
    expect(all.body.find((c) => c.crewId === crew.id)).toMatchObject({
      eligible: false,
      reason: 'off_shift',
    });
    const sent = await t.request('POST', `/tickets/${order.body.id}/dispatch`, {
      token: dispatcher,
      body: { crewId: crew.id },
    });
    expect(sent.status).toBe(409);
    expect(sent.body.message).toMatch(/off shift/);
  });
});
