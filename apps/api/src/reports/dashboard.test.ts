import type { AgentReportRowDetail, LiveDashboard, OverviewReport, SlaReportRow } from '@gd/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  callbackAttempts,
  callbacks,
  calls,
  crews,
  outages,
  slaClocks,
  staff,
  tickets,
} from '../db/schema/index.js';
import { DATABASES, startTestApp, type TestApp } from '../test/harness.js';

const MIN = 60_000;
/** A local (Asia/Shanghai) wall-clock instant. */
const local = (s: string) => new Date(`${s}+08:00`);
const FROM = '2026-10-01T00:00:00+08:00';
const TO = '2026-10-04T00:00:00+08:00';
const range = `from=${encodeURIComponent(FROM)}&to=${encodeURIComponent(TO)}`;

type Clock = {
  kind: 'arrival' | 'restoration' | 'response';
  state: string;
  dueAt?: Date;
  stopped?: boolean;
  warningAt?: Date;
};

/**
 * A small scripted set of orders whose every figure is worked out by hand in the tests below:
 *
 * | order | type          | day (local) | district | zone   | agent  | dispatch | arrival (manual) | arrival  | restoration | urges | reopen | done   | surveys                      |
 * | T1    | fault_repair  | 10-01 09:00 | A        | urban  | agent1 | +10      | +25              | met      | met         | 0     | 0      | closed | satisfied                    |
 * | T2    | fault_repair  | 10-01 20:00 | A        | urban  | agent1 | +20      | +45 (manual)     | breached | met         | 2     | 1      | closed | dissatisfied, then satisfied |
 * | T3    | fault_repair  | 10-02 08:00 | B        | rural  | agent2 | +30      | +130             | breached | breached*   | 1     | 0      | open   | -                            |
 * | T4    | complaint     | 10-03 12:00 | B        | urban  | agent2 | -        | -                | -        | -           | 0     | 0      | closed | unreached, basically         |
 * | T5    | inquiry       | 10-03 23:30 | A        | rural  | agent1 | -        | -                | -        | -           | 0     | 0      | open   | -                            |
 * | T6    | fault_repair  | 09-30 23:00 | A        | urban  | agent1 | (outside the range: counted nowhere but the live tiles)                                     |
 * | T7    | fault_repair  | 10-02 15:00 | C        | remote | agent2 | +5       | +14              | met      | exempt      | 0     | 0      | done   | -                            |
 * (* still running, past due)
 */
describe.each(DATABASES)('reports (dashboard, overview, agents) on %s', (kind) => {
  let t: TestApp;
  let sup: string;
  let agent1: string;
  let agent2: string;
  let crewId: string;
  let now = new Date();
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp(kind, { customers: 5, env: { CALLBACK_SCAN_SECONDS: '0' } });
    now = new Date();
    sup = await t.token('supervisor1');
    const db = t.database.db;
    const people = await db.select().from(staff);
    agent1 = people.find((p) => p.username === 'agent1')!.id;
    agent2 = people.find((p) => p.username === 'agent2')!.id;
    const qa = people.find((p) => p.username === 'qa1')!.id;
    crewId = (await db.select().from(crews).limit(1))[0]!.id;

    const order = async (
      name: string,
      o: {
        type: string;
        created: string;
        district: string;
        zone: 'urban' | 'rural' | 'remote';
        agent: string;
        status: string;
        dispatch?: number;
        arrive?: number;
        manual?: boolean;
        urges?: number;
        reopen?: number;
        completed?: boolean;
        closed?: boolean;
        clocks?: Clock[];
        surveys?: { sat: 'satisfied' | 'basically_satisfied' | 'dissatisfied' | null; reached: boolean }[];
      },
    ) => {
      const created = local(o.created);
      const plus = (m?: number) => (m === undefined ? null : new Date(created.getTime() + m * MIN));
      const [row] = await db
        .insert(tickets)
        .values({
          number: `GDTEST${name}`,
          type: o.type,
          status: o.status,
          description: name,
          district: o.district,
          zoneClass: o.zone,
          firstResponderId: o.agent,
          ownerId: o.agent,
          crewId: o.dispatch !== undefined ? crewId : null,
          createdAt: created,
          dispatchedAt: plus(o.dispatch),
          arrivedAt: plus(o.arrive),
          arrivalManual: o.manual ?? false,
          urgeCount: o.urges ?? 0,
          reopenCount: o.reopen ?? 0,
          completedAt: o.completed ? plus(200) : null,
          closedAt: o.closed ? plus(2000) : null,
        })
        .returning();
      ids[name] = row!.id;
      for (const c of o.clocks ?? []) {
        const due = c.dueAt ?? plus(60)!;
        await db.insert(slaClocks).values({
          ticketId: row!.id,
          kind: c.kind,
          clock: {},
          state: c.state,
          startedAt: created,
          dueAt: due,
          rawDueAt: due,
          warningAt: c.warningAt ?? null,
          stoppedAt: c.stopped === false ? null : plus(100),
        });
      }
      const callbackId = crypto.randomUUID();
      for (const [i, s] of (o.surveys ?? []).entries()) {
        await db.insert(callbackAttempts).values({
          callbackId,
          ticketId: row!.id,
          agentId: qa,
          at: plus(3000 + i)!,
          reached: s.reached,
          resolved: s.reached,
          satisfaction: s.sat,
        });
      }
    };

    await order('T1', {
      type: 'fault_repair',
      created: '2026-10-01T09:00',
      district: 'A',
      zone: 'urban',
      agent: agent1,
      status: 'closed',
      dispatch: 10,
      arrive: 25,
      completed: true,
      closed: true,
      clocks: [
        { kind: 'arrival', state: 'met' },
        { kind: 'restoration', state: 'met' },
      ],
      surveys: [{ sat: 'satisfied', reached: true }],
    });
    await order('T2', {
      type: 'fault_repair',
      created: '2026-10-01T20:00',
      district: 'A',
      zone: 'urban',
      agent: agent1,
      status: 'closed',
      dispatch: 20,
      arrive: 45,
      manual: true,
      urges: 2,
      reopen: 1,
      completed: true,
      closed: true,
      clocks: [
        { kind: 'arrival', state: 'breached' },
        { kind: 'restoration', state: 'met' },
      ],
      surveys: [
        { sat: 'dissatisfied', reached: true },
        { sat: 'satisfied', reached: true },
      ],
    });
    await order('T3', {
      type: 'fault_repair',
      created: '2026-10-02T08:00',
      district: 'B',
      zone: 'rural',
      agent: agent2,
      status: 'on_site',
      dispatch: 30,
      arrive: 130,
      urges: 1,
      clocks: [
        { kind: 'arrival', state: 'breached' },
        { kind: 'restoration', state: 'breached', stopped: false, dueAt: new Date(now.getTime() - 60 * MIN) },
      ],
    });
    await order('T4', {
      type: 'complaint',
      created: '2026-10-03T12:00',
      district: 'B',
      zone: 'urban',
      agent: agent2,
      status: 'closed',
      completed: true,
      closed: true,
      surveys: [
        { sat: null, reached: false },
        { sat: 'basically_satisfied', reached: true },
      ],
    });
    await order('T5', {
      type: 'inquiry',
      created: '2026-10-03T23:30',
      district: 'A',
      zone: 'rural',
      agent: agent1,
      status: 'accepted',
      clocks: [
        { kind: 'response', state: 'warning', stopped: false, dueAt: new Date(now.getTime() + 10 * MIN) },
      ],
    });
    await order('T6', {
      type: 'fault_repair',
      created: '2026-09-30T23:00',
      district: 'A',
      zone: 'urban',
      agent: agent1,
      status: 'dispatched',
      dispatch: 1,
      clocks: [
        { kind: 'arrival', state: 'running', stopped: false, dueAt: new Date(now.getTime() - 5 * MIN) },
      ],
      surveys: [{ sat: 'dissatisfied', reached: true }],
    });
    await order('T7', {
      type: 'fault_repair',
      created: '2026-10-02T15:00',
      district: 'C',
      zone: 'remote',
      agent: agent2,
      status: 'completed',
      dispatch: 5,
      arrive: 14,
      completed: true,
      clocks: [
        { kind: 'arrival', state: 'met' },
        { kind: 'restoration', state: 'exempt' },
      ],
    });
    // Live-only clocks that must not count: one due in 25 minutes but not yet in its warning (as a new urban order's
    // 30-minute arrival clock), a paused one, an exempt one.
    await db.insert(slaClocks).values([
      {
        ticketId: ids.T5!,
        kind: 'resolution',
        clock: {},
        state: 'running',
        startedAt: now,
        dueAt: new Date(now.getTime() + 25 * MIN),
        warningAt: new Date(now.getTime() + 5 * MIN),
        rawDueAt: now,
      },
      {
        ticketId: ids.T6!,
        kind: 'restoration',
        clock: {},
        state: 'paused',
        startedAt: now,
        dueAt: new Date(now.getTime() - 60 * MIN),
        rawDueAt: now,
      },
      {
        ticketId: ids.T3!,
        kind: 'response',
        clock: {},
        state: 'exempt',
        startedAt: now,
        dueAt: new Date(now.getTime() - 60 * MIN),
        rawDueAt: now,
      },
    ]);
    await db.insert(calls).values([
      {
        agentId: agent1,
        phone: '+8613800000001',
        channel: 'phone',
        startedAt: new Date(now.getTime() - 10 * MIN),
      },
      {
        agentId: agent1,
        phone: '+8613800000002',
        channel: 'wechat',
        startedAt: new Date(now.getTime() - 45 * MIN),
      },
      {
        agentId: agent2,
        phone: '+8613800000003',
        channel: 'phone',
        startedAt: new Date(now.getTime() - 120 * MIN),
      },
    ]);
    const square = {
      type: 'Polygon' as const,
      coordinates: [
        [
          [112, 28],
          [113, 28],
          [113, 29],
          [112, 29],
          [112, 28],
        ],
      ],
    };
    const box = { area: square, minLat: 28, minLng: 112, maxLat: 29, maxLng: 113, createdBy: agent1 };
    await db.insert(outages).values([
      { ...box, kind: 'fault', description: '10kV 城北线故障', startsAt: new Date(now.getTime() - 30 * MIN) },
      {
        ...box,
        kind: 'planned',
        description: '已恢复',
        startsAt: new Date(now.getTime() - 300 * MIN),
        status: 'restored',
      },
      {
        ...box,
        kind: 'planned',
        description: '明日计划检修',
        startsAt: new Date(now.getTime() + 24 * 60 * MIN),
      },
    ]);
    await db.insert(callbacks).values([
      { ticketId: ids.T7!, dueAt: new Date(now.getTime() + 60 * MIN) },
      { ticketId: ids.T4!, dueAt: new Date(now.getTime() - 60 * MIN) },
      { ticketId: ids.T1!, dueAt: now, status: 'done' },
    ]);
  });
  afterAll(() => t?.close());

  const overview = (q = '') =>
    t.request<OverviewReport>('GET', `/reports/overview?${range}${q}`, { token: sup });

  it('computes the overview figures of the scripted orders', async () => {
    const res = await overview();
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const r = res.body;
    expect(r.orders).toBe(6);
    // dispatch minutes 10, 20, 30, 5: mean 16.25; p90 (interpolated) = 20 + 0.7 × 10 = 27
    expect(r.timeToDispatch).toEqual({ avgMin: 16.3, p90Min: 27, dispatched: 4 });
    expect(r.repeatCallsPerOrder).toBe(0.5); // 3 urges / 6 orders
    expect(r.callbackSatisfactionRate).toBe(0.75); // T1 ✓, T2 ✗ ✓, T4 ✓ (unreached not counted; T6 out of range)
    expect(r.surveyed).toBe(4);
    expect(r.reopenRate).toBe(0.25); // T2 reopened, of the ever-completed T1, T2, T4, T7
    expect(r.manualArrivalRate).toBe(0.25); // T2 of the arrived T1, T2, T3, T7
    expect(r.trend).toEqual([
      { day: '2026-10-01', orders: 2, arrivalOnTimeRate: 0.5, restorationOnTimeRate: 1 },
      { day: '2026-10-02', orders: 2, arrivalOnTimeRate: 0.5, restorationOnTimeRate: 0 },
      { day: '2026-10-03', orders: 2, arrivalOnTimeRate: null, restorationOnTimeRate: null },
    ]);
    expect(r.byDistrict).toEqual([
      { district: 'A', orders: 3, arrivalOnTimeRate: 0.5, restorationOnTimeRate: 1 },
      { district: 'B', orders: 2, arrivalOnTimeRate: 0, restorationOnTimeRate: 0 },
      { district: 'C', orders: 1, arrivalOnTimeRate: 1, restorationOnTimeRate: null },
    ]);
    const h = r.arrivalHistogram;
    expect(h.bucketMin).toBe(10);
    expect(h.buckets).toHaveLength(13);
    expect(h.buckets[12]).toEqual({ fromMin: 120, toMin: null, count: 1 }); // T3, 130 min
    const counts = Object.fromEntries(h.buckets.filter((b) => b.count).map((b) => [b.fromMin, b.count]));
    expect(counts).toEqual({ 10: 1, 20: 1, 40: 1, 120: 1 }); // T7 14, T1 25, T2 45, T3 130
    expect(h.targets).toEqual({ urban: 30, rural: 60, remote: 90 });
    expect(h.targetMin).toBe(30);
  });

  it('applies every filter', async () => {
    const urban = (await overview('&zoneClass=urban')).body;
    expect(urban.orders).toBe(3); // T1, T2, T4
    expect(urban.callbackSatisfactionRate).toBe(0.75);
    expect(urban.arrivalHistogram.targetMin).toBe(30);
    const rural = (await overview('&zoneClass=rural')).body;
    expect(rural.orders).toBe(2); // T3, T5
    expect(rural.arrivalHistogram.targetMin).toBe(60);
    expect(rural.timeToDispatch).toEqual({ avgMin: 30, p90Min: 30, dispatched: 1 });
    expect(rural.callbackSatisfactionRate).toBeNull();
    expect((await overview(`&agentId=${agent2}`)).body.orders).toBe(3); // T3, T4, T7
    expect((await overview('&type=complaint')).body.orders).toBe(1);
    expect((await overview(`&crewId=${crewId}`)).body.orders).toBe(4); // the dispatched T1, T2, T3, T7
    const b = (await overview('&district=B')).body;
    expect(b.orders).toBe(2);
    expect(b.byDistrict.map((d) => d.district)).toEqual(['B']);
    expect(b.trend.map((d) => d.orders)).toEqual([0, 1, 1]);
    const none = (await overview('&district=Z')).body;
    expect(none).toMatchObject({ orders: 0, repeatCallsPerOrder: null, reopenRate: null, byDistrict: [] });
    expect(none.timeToDispatch).toEqual({ avgMin: null, p90Min: null, dispatched: 0 });
  });

  it("gives an agent their own figures (the supervisors' row for them), and only theirs", async () => {
    const all = await t.request<AgentReportRowDetail[]>('GET', `/reports/agents?${range}`, { token: sup });
    const theirs = all.body.find((r) => r.agentId === agent1)!;
    expect(theirs.firstResponded).toBeGreaterThan(0);
    const mine = await t.request<AgentReportRowDetail>('GET', `/reports/agents/me?${range}`, {
      token: await t.token('agent1'),
    });
    expect(mine.status).toBe(200);
    expect(mine.body).toEqual(theirs);
    const nothing = await t.request<AgentReportRowDetail>('GET', `/reports/agents/me?${range}`, {
      token: await t.token('agent3'),
    });
    expect(nothing.body).toMatchObject({
      firstResponded: 0,
      closed: 0,
      repeatCallRate: null,
      satisfactionRate: null,
    });
    expect((await t.request('GET', `/reports/agents/me?${range}`, { token: sup })).status).toBe(403);
    expect(
      (await t.request('GET', `/reports/agents?${range}`, { token: await t.token('agent1') })).status,
    ).toBe(403);
    expect(
      (await t.request('GET', '/reports/agents/me?from=yesterday', { token: await t.token('agent1') }))
        .status,
    ).toBe(400);
  });

  it('computes the per-agent figures', async () => {
    const res = await t.request<AgentReportRowDetail[]>('GET', `/reports/agents?${range}`, { token: sup });
    expect(res.status).toBe(200);
    expect(res.body).toEqual(
      [
        // T1, T2, T5: closed T1, T2; on time T1 only (T2's arrival breached); T2 urged; surveys ✓ ✗ ✓
        {
          agentId: agent1,
          displayName: expect.any(String),
          firstResponded: 3,
          closed: 2,
          closedOnTime: 1,
          repeatCallRate: 0.3333,
          satisfactionRate: 0.6667,
          surveyed: 3,
        },
        // T3, T4, T7: closed T4, on time; T3 urged; T4 basically satisfied
        {
          agentId: agent2,
          displayName: expect.any(String),
          firstResponded: 3,
          closed: 1,
          closedOnTime: 1,
          repeatCallRate: 0.3333,
          satisfactionRate: 1,
          surveyed: 1,
        },
      ].sort((x, y) => (x.agentId < y.agentId ? -1 : 1)),
    );
  });

  it('answers the live tiles', async () => {
    const res = await t.request<LiveDashboard>('GET', '/reports/dashboard/live', { token: sup });
    expect(res.status).toBe(200);
    const live = res.body;
    const open = Object.fromEntries(live.openByStatus.map((o) => [`${o.status}/${o.zoneClass}`, o.count]));
    expect(open).toEqual({ 'on_site/rural': 1, 'accepted/rural': 1, 'dispatched/urban': 1 });
    expect(live.openTotal).toBe(3);
    expect(live.breaching.breached).toBe(2); // T3 restoration (1 h late), T6 arrival (5 min late)
    expect(live.breaching.dueSoon).toBe(1); // T5 response, due in 10 min
    expect(live.breaching.items.map((i) => [i.number, i.clock, i.state])).toEqual([
      ['GDTESTT3', 'restoration', 'breached'],
      ['GDTESTT6', 'arrival', 'breached'],
      ['GDTESTT5', 'response', 'due_soon'],
    ]);
    const allCrews = await t.database.db.select().from(crews);
    const byStatus: Record<string, number> = {};
    for (const c of allCrews) byStatus[c.status] = (byStatus[c.status] ?? 0) + 1;
    expect(Object.fromEntries(live.crewsByStatus.map((c) => [c.status, c.count]))).toEqual(byStatus);
    expect(live.callsLastHour).toBe(2);
    expect(live.activeOutages.count).toBe(1);
    expect(live.activeOutages.items[0]).toMatchObject({ kind: 'fault', description: '10kV 城北线故障' });
    expect(live.callbacksDue).toBe(2);
  });

  it('counts a clock still running past its due time as breached, before the scheduler marks it', async () => {
    // 10-10 (outside the other tests' range): S1 arrived in time; S2 is still waiting, both clocks past due with
    // no state written (the escalation scheduler has not looked: next_check_at is null); S3's clocks run, not due.
    const db = t.database.db;
    const created = local('2026-10-10T21:00:00');
    const plus = (m: number) => new Date(created.getTime() + m * MIN);
    const script = [
      { name: 'S1', arrival: 'met', restoration: 'met', due: plus(60), stopped: plus(20) },
      { name: 'S2', arrival: 'running', restoration: 'warning', due: plus(60), stopped: null },
      {
        name: 'S3',
        arrival: 'running',
        restoration: 'running',
        due: new Date(now.getTime() + 86_400_000),
        stopped: null,
      },
    ];
    for (const o of script) {
      const [row] = await db
        .insert(tickets)
        .values({
          number: `GDTEST${o.name}`,
          type: 'fault_repair',
          status: o.stopped ? 'completed' : 'accepted',
          description: o.name,
          district: 'S',
          zoneClass: 'rural',
          firstResponderId: agent1,
          ownerId: agent1,
          createdAt: created,
        })
        .returning();
      for (const kind of ['arrival', 'restoration'] as const) {
        await db.insert(slaClocks).values({
          ticketId: row!.id,
          kind,
          clock: {},
          state: o[kind],
          startedAt: created,
          dueAt: o.due,
          rawDueAt: o.due,
          stoppedAt: o.stopped,
          orderCreatedAt: created,
          orderType: 'fault_repair',
          zoneClass: 'rural',
          district: 'S',
        });
      }
    }
    const q = `from=${encodeURIComponent('2026-10-10T00:00:00+08:00')}&to=${encodeURIComponent('2026-10-11T00:00:00+08:00')}`;
    const res = await t.request<OverviewReport>('GET', `/reports/overview?${q}`, { token: sup });
    expect(res.status).toBe(200);
    expect(res.body.trend).toEqual([
      { day: '2026-10-10', orders: 3, arrivalOnTimeRate: 0.5, restorationOnTimeRate: 0.5 },
    ]);
    expect(res.body.byDistrict).toEqual([
      { district: 'S', orders: 3, arrivalOnTimeRate: 0.5, restorationOnTimeRate: 0.5 },
    ]);
    const sla = await t.request<SlaReportRow[]>('GET', `/reports/sla?${q}&groupBy=district`, { token: sup });
    expect(sla.status).toBe(200);
    expect(sla.body).toEqual([
      expect.objectContaining({
        key: 'S',
        orders: 3,
        arrivalOnTimeRate: 0.5,
        arrivalBreached: 1,
        restorationOnTimeRate: 0.5,
        restorationBreached: 1,
        arrivalOnTimeRateRaw: 0.5,
      }),
    ]);
  });

  it('refuses inverted, empty, malformed and too wide ranges, bad filters and the wrong roles', async () => {
    const get = (q: string, token = sup) => t.request('GET', `/reports/${q}`, { token });
    const inverted = await get(`overview?from=${encodeURIComponent(TO)}&to=${encodeURIComponent(FROM)}`);
    expect(inverted.status).toBe(400);
    expect(inverted.body.message).toEqual(['from must be before to']);
    expect((await get(`agents?from=${encodeURIComponent(FROM)}&to=${encodeURIComponent(FROM)}`)).status).toBe(
      400,
    );
    const malformed = await get('agents?from=yesterday');
    expect(malformed.status).toBe(400);
    expect(JSON.stringify(malformed.body.message)).toMatch(/from must be an ISO-8601/);
    expect((await get('overview?from=2024-01-01T00:00:00Z&to=2026-01-01T00:00:00Z')).status).toBe(400);
    expect((await get(`overview?${range}&zoneClass=city`)).status).toBe(400);
    expect((await get(`overview?${range}&crewId=nope`)).status).toBe(400);
    expect((await get(`overview?${range}&type=gossip`)).status).toBe(400);
    expect((await get('overview', await t.token('agent1'))).status).toBe(403);
    expect((await get('dashboard/live', await t.token('crew01'))).status).toBe(403);
    // Without a range: the last 30 days.
    const recent = await get('overview');
    expect(recent.status).toBe(200);
    expect((recent.body as OverviewReport).trend.length).toBeGreaterThanOrEqual(30);
  });
});
