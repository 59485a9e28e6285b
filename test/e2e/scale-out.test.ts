import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClientToServerEvents, Crew, ServerToClientEvents, SlaEvent, Ticket } from '@gd/domain';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api.js';
import { eventually } from '../support/flows.js';
import { type RunningSystem, scratchDatabase, startSystem } from '../support/system.js';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

function connect(url: string, token: string): Promise<Client> {
  return new Promise((resolve, reject) => {
    const s: Client = io(url, {
      path: '/socket.io',
      auth: { token },
      transports: ['websocket'],
      reconnection: false,
    });
    s.once('connect', () => resolve(s));
    s.once('connect_error', reject);
  });
}

/** Two API processes on one Postgres database and one Redis, as behind a load balancer. Needs a real server. */
describe.runIf(process.env.DATABASE_URL)('two API nodes on one Postgres and one Redis', () => {
  let db: Awaited<ReturnType<typeof scratchDatabase>>;
  let a: RunningSystem;
  let b: RunningSystem;
  const sockets: Client[] = [];

  beforeAll(async () => {
    // A short fault-repair policy, so a warning (10 minutes left: at once) and a breach (9 s) happen during the test.
    const policy = join(tmpdir(), `gd-policy-${process.pid}.json`);
    writeFileSync(
      policy,
      JSON.stringify({
        id: 'scale-out-test',
        rules: [
          {
            type: 'fault_repair',
            clocks: [
              { kind: 'arrival', minutes: 0.15 },
              { kind: 'restoration', minutes: 240 },
            ],
          },
        ],
      }),
    );
    db = await scratchDatabase(process.env.DATABASE_URL!, 'gd_test_nodes');
    const env = { REDIS_URL, SLA_POLICY_FILE: policy };
    a = await startSystem({ databaseUrl: db.url, env });
    b = await startSystem({ databaseUrl: db.url, env });
  });

  afterAll(async () => {
    for (const s of sockets) s.close();
    await a?.stop();
    await b?.stop();
    await db?.drop();
  });

  async function socketOn(node: RunningSystem, username: string) {
    const api = await ApiClient.login(node.url, username, node.password);
    const s = await connect(node.url, api.accessToken!);
    sockets.push(s);
    return { api, socket: s };
  }

  it('shows a dispatcher on node A a position posted to node B', async () => {
    const { socket } = await socketOn(a, 'dispatcher1');
    const crew = await ApiClient.login(b.url, 'crew05', b.password);
    const seen = new Promise<{ crewId: string; lat: number }>((resolve) =>
      socket.on('crew.positions', (list) => {
        const e = list.find((x) => x.crewId === crew.user.crewId);
        if (e) resolve(e);
      }),
    );
    const mine = (await crew.get<Crew>(`/crews/${crew.user.crewId}`)).body;
    const lat = Number((mine.depot.lat + 0.002).toFixed(6));
    const res = await crew.post(`/crews/${mine.id}/positions`, [
      { lat, lng: mine.depot.lng, recordedAt: new Date().toISOString() },
    ]);
    expect(res.body.accepted).toBe(1);
    await expect(seen).resolves.toMatchObject({ crewId: mine.id, lat });
  });

  it('puts an order created on B into A’s queues and onto A’s sockets', async () => {
    const { socket } = await socketOn(a, 'supervisor1');
    const agentB = await ApiClient.login(b.url, 'agent1', b.password);
    const created = new Promise<string>((resolve) => socket.on('ticket.created', (e) => resolve(e.id)));
    const customer = (await agentB.get(`/customers?q=${encodeURIComponent('黄兴路')}`)).body.items[0];
    const order = await agentB.post<Ticket>(
      '/tickets',
      { type: 'complaint', customerId: customer.id, description: '两个节点之间的工单' },
      { 'Idempotency-Key': 'scale-out-1' },
    );
    expect(order.status).toBe(201);
    await expect(created).resolves.toBe(order.body.id);
    const agentA = await ApiClient.login(a.url, 'agent1', a.password);
    const queue = await agentA.get<{ items: Ticket[] }>('/tickets?firstResponderId=me&open=true');
    expect(queue.body.items.map((t) => t.id)).toContain(order.body.id);
    // The same idempotency key on the other node returns the first order, never a second.
    const again = await agentA.post<Ticket>(
      '/tickets',
      { type: 'complaint', customerId: customer.id, description: '两个节点之间的工单' },
      { 'Idempotency-Key': 'scale-out-1' },
    );
    expect(again.body.id).toBe(order.body.id);
  });

  it('fires each SLA warning and breach exactly once across both nodes', async () => {
    const watchers = [await socketOn(a, 'dispatcher1'), await socketOn(b, 'dispatcher1')];
    const events: { node: number; kind: string; e: SlaEvent }[] = [];
    watchers.forEach(({ socket }, node) => {
      socket.on('sla.warning', (e) => events.push({ node, kind: 'warning', e }));
      socket.on('sla.breached', (e) => events.push({ node, kind: 'breached', e }));
    });
    const agent = await ApiClient.login(b.url, 'agent2', b.password);
    const customer = (await agent.get(`/customers?q=${encodeURIComponent('人民东路')}`)).body.items[0];
    const order = await agent.post<Ticket>(
      '/tickets',
      { type: 'fault_repair', customerId: customer.id, description: '停电' },
      { 'Idempotency-Key': 'scale-out-sla' },
    );
    expect(order.body.sla.arrival).toBeTruthy();
    const mine = () => events.filter((x) => x.e.ticketId === order.body.id && x.e.clock === 'arrival');
    await eventually(async () => expect(mine().filter((x) => x.kind === 'breached')).toHaveLength(2), 30_000);
    await new Promise((r) => setTimeout(r, 2000)); // anything fired twice would have arrived by now
    const got = mine();
    // Each dispatcher socket (one per node) hears the warning once and the breach once.
    for (const node of [0, 1]) {
      expect(
        got
          .filter((x) => x.node === node)
          .map((x) => x.kind)
          .sort(),
      ).toEqual(['breached', 'warning']);
    }
    const timeline = (await agent.get<{ kind: string }[]>(`/tickets/${order.body.id}/timeline`)).body;
    expect(timeline.filter((t) => /breach/.test(t.kind))).toHaveLength(1);
  });

  it('makes a change on one node count on the other at once: a disabled account, the dispatch settings, an emergency', async () => {
    const adminA = await ApiClient.login(a.url, 'admin', a.password);
    const supervisorA = await ApiClient.login(a.url, 'supervisor1', a.password);
    const agentB = await ApiClient.login(b.url, 'agent2', b.password);
    const supervisorB = await ApiClient.login(b.url, 'supervisor1', b.password);
    const staff = await adminA.post<{ id: string }>('/staff', {
      username: 'agent88',
      displayName: '客服 节点测试',
      role: 'agent',
      password: 'long-enough-88',
    });
    expect(staff.status).toBe(201);
    const agent88 = await ApiClient.login(b.url, 'agent88', 'long-enough-88');
    // Node B reads and keeps each of these before the change: the account, the settings and the emergencies.
    // The setting changed is the geofence radius, not auto-dispatch: this test's fault orders must not reach the
    // planner (whether a planner run catches them before auto-dispatch is switched off again is a race), or they
    // would still be waiting, oldest of all, when the next test's burst starts.
    expect((await agent88.get('/auth/me')).status).toBe(200);
    const settings = () => supervisorB.get<{ geofenceRadiusM: number }>('/dispatch/settings');
    const radius = (await settings()).body.geofenceRadiusM;
    const customer = (await agentB.get(`/customers?q=${encodeURIComponent('解放西路')}`)).body.items[0];
    const { lat, lng } = customer.location;
    const zone = (await agentB.get<{ zoneId: string }>(`/zones/classify?lat=${lat}&lng=${lng}`)).body;
    const order = (key: string) =>
      agentB.post<Ticket>(
        '/tickets',
        { type: 'fault_repair', customerId: customer.id, description: '节点之间：停电' },
        { 'Idempotency-Key': key },
      );
    expect((await order('scale-out-before')).body.sla.arrival?.state).not.toBe('exempt');

    // The changes, all made on node A.
    expect((await adminA.call('PATCH', `/staff/${staff.body.id}`, { disabled: true })).status).toBe(200);
    expect(
      (await supervisorA.call('PUT', '/dispatch/settings', { geofenceRadiusM: radius + 50 })).status,
    ).toBe(200);
    const emergency = await supervisorA.post('/sla/emergencies', {
      zoneIds: [zone.zoneId],
      startsAt: new Date(Date.now() - 60_000).toISOString(),
      endsAt: new Date(Date.now() + 3_600_000).toISOString(),
      mode: 'exempt',
      reason: '台风登陆，全区抢修',
    });
    expect(emergency.status).toBe(201);

    // Node B follows at once (the message through Redis, not the caches' 10-second expiry).
    const soon = (check: () => Promise<void>) => eventually(check, 1_000);
    await soon(async () => expect((await agent88.get('/auth/me')).status).toBe(401));
    await soon(async () => expect((await settings()).body.geofenceRadiusM).toBe(radius + 50));
    let n = 0;
    await soon(async () =>
      expect((await order(`scale-out-after-${n++}`)).body.sla.arrival?.state).toBe('exempt'),
    );
    await supervisorA.call('PUT', '/dispatch/settings', { geofenceRadiusM: radius });
  });

  it('plans on one node at a time: a burst of orders on both nodes never sends a crew twice', async () => {
    const dispatcherA = await ApiClient.login(a.url, 'dispatcher1', a.password);
    const agentA = await ApiClient.login(a.url, 'agent1', a.password);
    const agentB = await ApiClient.login(b.url, 'agent1', b.password);
    // Six cable crews on duty, every other free crew off: fourteen orders are more than they can take.
    const free = (await dispatcherA.get<Crew[]>('/crews')).body.filter((c) => c.status === 'available');
    const six = free.filter((c) => c.skills.includes('cable')).slice(0, 6);
    const off = free.filter((c) => !six.includes(c));
    for (const c of off) await dispatcherA.post(`/crews/${c.id}/status`, { status: 'off_duty' });
    const customer = (await agentA.get(`/customers?q=${encodeURIComponent('解放西路')}`)).body.items[0];
    // The fault orders of the tests before (auto-dispatch was off) are still waiting, and they would take crews
    // first: they need no skill, and of orders whose clocks weigh the same the planner serves the longest-waiting
    // first. Cancelled, so that the six crews are the burst's.
    const before = (await dispatcherA.get<{ ticketId: string }[]>('/dispatch/backlog')).body;
    for (const w of before) {
      const res = await dispatcherA.post(`/tickets/${w.ticketId}/transition`, {
        to: 'cancelled',
        note: '测试：清空等待派单的工单',
      });
      expect(res.status).toBe(200);
    }
    expect((await dispatcherA.get<unknown[]>('/dispatch/backlog')).body).toEqual([]);
    await dispatcherA.call('PUT', '/dispatch/settings', { autoDispatch: true });
    try {
      const created = await Promise.all(
        Array.from({ length: 14 }, (_, i) =>
          (i % 2 ? agentB : agentA).post<Ticket>(
            '/tickets',
            {
              type: 'fault_repair',
              customerId: customer.id,
              description: `台风夜 ${i}`,
              requiredSkills: ['cable'],
            },
            { 'Idempotency-Key': `planner-burst-${i}` },
          ),
        ),
      );
      expect(created.every((r) => r.status === 201)).toBe(true);
      const ids = new Set(created.map((r) => r.body.id));
      const sent = async () =>
        (await dispatcherA.get<Crew[]>('/crews')).body.filter((c) => c.ticketId && ids.has(c.ticketId));
      await eventually(async () => expect(await sent()).toHaveLength(6));
      // Both nodes keep planning (every 5 s, and on every event): still one crew per order, one order per crew.
      const crews = await sent();
      expect(new Set(crews.map((c) => c.ticketId)).size).toBe(6);
      for (const c of crews) {
        const order = (await dispatcherA.get<Ticket>(`/tickets/${c.ticketId}`)).body;
        expect(order.crewId).toBe(c.id);
      }
      const waiting = (
        await dispatcherA.get<{ ticketId: string; reason: string }[]>('/dispatch/backlog')
      ).body.filter((w) => ids.has(w.ticketId));
      expect(waiting).toHaveLength(8);
      expect(waiting.every((w) => w.reason === 'crews_busy')).toBe(true);
    } finally {
      await dispatcherA.call('PUT', '/dispatch/settings', { autoDispatch: false });
      for (const c of off) await dispatcherA.post(`/crews/${c.id}/status`, { status: 'available' });
    }
  });

  it('loses no acknowledged order when a node is killed, and the other keeps serving', async () => {
    const agentB = await ApiClient.login(b.url, 'agent1', b.password);
    const customer = (await agentB.get(`/customers?q=${encodeURIComponent('解放西路')}`)).body.items[0];
    const acknowledged: string[] = [];
    for (let i = 0; i < 10; i++) {
      const res = await agentB.post<Ticket>(
        '/tickets',
        { type: 'inquiry', customerId: customer.id, description: `咨询 ${i}` },
        { 'Idempotency-Key': `kill-${i}` },
      );
      if (res.status === 201) acknowledged.push(res.body.id);
    }
    b.process.kill('SIGKILL');
    const agentA = await ApiClient.login(a.url, 'agent1', a.password);
    for (const id of acknowledged) expect((await agentA.get<Ticket>(`/tickets/${id}`)).status).toBe(200);
    expect((await agentA.get('/health')).body.status).toBe('ok');
    const more = await agentA.post(
      '/tickets',
      { type: 'inquiry', customerId: customer.id, description: '继续服务' },
      {
        'Idempotency-Key': 'after-kill',
      },
    );
    expect(more.status).toBe(201);
  });
});
