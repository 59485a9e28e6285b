import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Ticket, TimelineEntry } from '@gd/domain';
import { addWorkingTime, CN_CALENDAR_2026_2027, DEFAULT_POLICY } from '@gd/sla';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppModule } from '../app.module.js';
import { ConfigError, loadConfig } from '../config.js';
import type { DatabaseHandle } from '../db/client.js';
import { tickets } from '../db/schema/index.js';
import { inTransaction } from '../db/transaction.js';
import { DATABASES, nextEvent, startTestApp, type TestApp } from '../test/harness.js';
import { createRepair } from './sla.fixtures.js';
import { SlaClockService } from './sla-clock.service.js';
import { loadSlaPolicy } from './sla-policy.js';

const MIN = 60_000;

describe('SLA policy file', () => {
  const write = (text: string) => {
    const file = join(mkdtempSync(join(tmpdir(), 'gd-policy-')), 'policy.json');
    writeFileSync(file, text);
    return file;
  };

  it('defaults to the seed-003 policy and reads a valid file', () => {
    expect(loadSlaPolicy({ SLA_POLICY_FILE: undefined })).toBe(DEFAULT_POLICY);
    const file = write(
      JSON.stringify({
        id: 'x',
        rules: [{ type: 'fault_repair', clocks: [{ kind: 'arrival', minutes: 45 }] }],
      }),
    );
    expect(loadSlaPolicy({ SLA_POLICY_FILE: file }).rules[0]!.clocks[0]).toMatchObject({
      kind: 'arrival',
      minutes: 45,
    });
  });

  it('refuses a bad file with a ConfigError naming the entry, before the app is built', async () => {
    const bad = write(
      JSON.stringify({
        id: 'x',
        rules: [{ type: 'fualt_repair', clocks: [{ kind: 'arrival', minutes: 30 }] }],
      }),
    );
    expect(() => loadSlaPolicy({ SLA_POLICY_FILE: bad })).toThrow(ConfigError);
    expect(() => loadSlaPolicy({ SLA_POLICY_FILE: bad })).toThrow(/SLA_POLICY_FILE .*rules\[0\]\.type/);
    expect(() => loadSlaPolicy({ SLA_POLICY_FILE: write('{ "id": ') })).toThrow(/not valid JSON/);
    expect(() => loadSlaPolicy({ SLA_POLICY_FILE: '/nonexistent/policy.json' })).toThrow(/cannot read/);
    // Thrown while the module tree is described, before Nest instantiates anything (main.ts: exit 78).
    const config = loadConfig({ NODE_ENV: 'test', SLA_POLICY_FILE: bad });
    expect(() => AppModule.register(config, {} as DatabaseHandle)).toThrow(ConfigError);
  });
});

describe.each(DATABASES)('SLA clocks, pauses and emergencies on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(() => t?.close());

  const timeline = async (id: string) =>
    (await t.request<TimelineEntry[]>('GET', `/tickets/${id}/timeline`, { token: await t.token('agent1') }))
      .body;

  it('gives a repair order its arrival and restoration limits by zone class (30/60/90 min, 4/6/6 h)', async () => {
    const agent = await t.token('agent1');
    for (const [zone, zoneClass, arrival, restoration] of [
      ['CS-U-YL', 'urban', 30, 240],
      ['CS-R-WC', 'rural', 60, 360],
      ['CS-M-DWS', 'remote', 90, 360],
    ] as const) {
      const order = await createRepair(t, agent, zone);
      expect(order.zoneClass).toBe(zoneClass);
      const created = Date.parse(order.createdAt);
      expect(Date.parse(order.sla.arrival!.dueAt) - created).toBe(arrival * MIN);
      expect(Date.parse(order.sla.restoration!.dueAt) - created).toBe(restoration * MIN);
      expect(order.sla.arrival).toMatchObject({
        state: 'running',
        stoppedAt: null,
        pausedMs: 0,
        calendar: 'wall',
      });
      const again = await t.request<Ticket>('GET', `/tickets/${order.id}`, { token: agent });
      expect(again.body.sla.arrival!.dueAt).toBe(order.sla.arrival!.dueAt);
    }
  });

  it('counts complaint clocks in working days on the national calendar', async () => {
    const res = await t.request<Ticket>('POST', '/tickets', {
      token: await t.token('agent1'),
      body: { type: 'complaint', description: '抄表员态度恶劣' },
    });
    expect(res.status).toBe(201);
    const { sla, createdAt } = res.body;
    expect(Date.parse(sla.response!.dueAt) - Date.parse(createdAt)).toBe(24 * 60 * MIN);
    expect(sla.resolution).toMatchObject({ calendar: 'business', state: 'running' });
    expect(sla.resolution!.dueAt).toBe(
      addWorkingTime(createdAt, { days: 4 }, CN_CALENDAR_2026_2027).toISOString(),
    );
  });

  it('pauses and resumes a clock, pushing its due time by the pause; 409 on a second pause or resume', async () => {
    const order = await createRepair(t, await t.token('agent1'), 'CS-U-FR');
    const dispatcher = await t.token('dispatcher1');
    const socket = await t.socket(dispatcher);
    const updated = nextEvent(
      socket,
      'ticket.updated',
      (e) => e.id === order.id && e.change === 'sla.paused',
    );
    const paused = await t.request<Ticket>('POST', `/tickets/${order.id}/sla/pause`, {
      token: dispatcher,
      body: { clock: 'arrival', reason: 'customer_unreachable' },
    });
    expect(paused.status).toBe(200);
    expect(paused.body.sla.arrival).toMatchObject({ state: 'paused', pauseReason: 'customer_unreachable' });
    expect(paused.body.sla.restoration!.state).toBe('running');
    await expect(updated).resolves.toMatchObject({ ticket: { id: order.id } });

    const twice = await t.request('POST', `/tickets/${order.id}/sla/pause`, {
      token: dispatcher,
      body: { clock: 'arrival', reason: 'customer_appointment' },
    });
    expect(twice.status).toBe(409);
    expect(twice.body.message).toMatch(/already_paused/);

    await new Promise((r) => setTimeout(r, 30));
    const resumed = await t.request<Ticket>('POST', `/tickets/${order.id}/sla/resume`, {
      token: dispatcher,
      body: { clock: 'arrival' },
    });
    expect(resumed.status).toBe(200);
    const arrival = resumed.body.sla.arrival!;
    expect(arrival.state).toBe('running');
    expect(arrival.pausedMs).toBeGreaterThanOrEqual(30);
    expect(Date.parse(arrival.dueAt) - Date.parse(order.sla.arrival!.dueAt)).toBe(arrival.pausedMs);
    const again = await t.request('POST', `/tickets/${order.id}/sla/resume`, {
      token: dispatcher,
      body: { clock: 'arrival' },
    });
    expect(again.status).toBe(409);
    expect(again.body.message).toMatch(/not_paused/);

    const kinds = (await timeline(order.id)).map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['sla.paused', 'sla.resumed']));
    const audit = await t.request('GET', `/audit?entity=ticket&entityId=${order.id}`, {
      token: await t.token('supervisor1'),
    });
    const actions = audit.body.items.map((e: { action: string }) => e.action);
    expect(actions.filter((a: string) => a.startsWith('sla.'))).toEqual(['sla.resume', 'sla.pause']);
  });

  it('needs a supervisor for a force-majeure pause and checks roles, crews and input', async () => {
    const order = await createRepair(t, await t.token('agent1'), 'CS-U-TX');
    const path = `/tickets/${order.id}/sla/pause`;
    const fm = { clock: 'restoration', reason: 'force_majeure' };
    const byDispatcher = await t.request('POST', path, { token: await t.token('dispatcher1'), body: fm });
    expect(byDispatcher.status).toBe(403);
    expect(byDispatcher.body.message).toMatch(/supervisor/);
    expect(
      (
        await t.request('POST', path, {
          token: await t.token('qa1'),
          body: { clock: 'arrival', reason: 'customer_unreachable' },
        })
      ).status,
    ).toBe(403);
    // A crew may act only on its own order; this one has no crew yet.
    expect(
      (
        await t.request('POST', path, {
          token: await t.token('crew01'),
          body: { clock: 'arrival', reason: 'customer_unreachable' },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await t.request('POST', path, {
          token: await t.token('dispatcher1'),
          body: { clock: 'arrival', reason: 'bored' },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await t.request('POST', path, {
          token: await t.token('dispatcher1'),
          body: { clock: 'response', reason: 'customer_unreachable' },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await t.request('POST', '/tickets/00000000-0000-4000-8000-000000000000/sla/pause', {
          token: await t.token('supervisor1'),
          body: fm,
        })
      ).status,
    ).toBe(404);
    const bySupervisor = await t.request<Ticket>('POST', path, {
      token: await t.token('supervisor1'),
      body: fm,
    });
    expect(bySupervisor.status).toBe(200);
    expect(bySupervisor.body.sla.restoration).toMatchObject({
      state: 'paused',
      pauseReason: 'force_majeure',
    });
  });

  it('refuses to pause a stopped clock (409)', async () => {
    const order = await createRepair(t, await t.token('agent1'), 'CS-U-YH');
    const clocks = t.app.get(SlaClockService, { strict: false });
    const [row] = await t.database.db.select().from(tickets).where(eq(tickets.id, order.id));
    await inTransaction(t.database.db, (tx) => clocks.onMilestone(tx, row!, 'on_site', new Date()));
    const res = await t.request('POST', `/tickets/${order.id}/sla/pause`, {
      token: await t.token('dispatcher1'),
      body: { clock: 'arrival', reason: 'customer_unreachable' },
    });
    expect(res.status).toBe(409);
    expect(res.body.message).toMatch(/stopped/);
  });

  it('pauses or exempts every clock of a zone during an area emergency (supervisor only), audited', async () => {
    const agent = await t.token('agent1');
    const supervisor = await t.token('supervisor1');
    const inPause = await createRepair(t, agent, 'CS-R-CSX');
    const inExempt = await createRepair(t, agent, 'CS-R-NX');
    const outside = await createRepair(t, agent, 'CS-R-MY');
    const now = Date.now();
    const window = {
      startsAt: new Date(now - 10 * MIN).toISOString(),
      endsAt: new Date(now + 50 * MIN).toISOString(),
    };

    const body = { zoneIds: ['CS-R-CSX'], ...window, mode: 'pause', reason: '台风：道路中断' };
    expect(
      (await t.request('POST', '/sla/emergencies', { token: await t.token('dispatcher1'), body })).status,
    ).toBe(403);
    expect(
      (
        await t.request('POST', '/sla/emergencies', {
          token: supervisor,
          body: { ...body, endsAt: window.startsAt },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await t.request('POST', '/sla/emergencies', {
          token: supervisor,
          body: { ...body, startsAt: '2026-09-21T09:00:00' },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await t.request('POST', '/sla/emergencies', {
          token: supervisor,
          body: { ...body, zoneIds: ['NOPE'] },
        })
      ).status,
    ).toBe(422);

    const declared = await t.request('POST', '/sla/emergencies', { token: supervisor, body });
    expect(declared.status).toBe(201);
    expect(declared.body).toMatchObject({ zoneIds: ['CS-R-CSX'], mode: 'pause', affectedClocks: 2 });
    const exempt = await t.request('POST', '/sla/emergencies', {
      token: supervisor,
      body: { ...body, zoneIds: ['CS-R-NX'], mode: 'exempt', reason: '山洪' },
    });
    expect(exempt.body.affectedClocks).toBe(2);

    const get = async (id: string) =>
      (await t.request<Ticket>('GET', `/tickets/${id}`, { token: agent })).body;
    const paused = await get(inPause.id);
    // The clock started inside the window: it is paused until the window ends, then gets its full 60 min.
    expect(paused.sla.arrival!.state).toBe('paused');
    expect(Date.parse(paused.sla.arrival!.dueAt)).toBe(Date.parse(window.endsAt) + 60 * MIN);
    expect((await get(inExempt.id)).sla.arrival!.state).toBe('exempt');
    expect((await get(outside.id)).sla.arrival).toMatchObject({
      state: 'running',
      dueAt: outside.sla.arrival!.dueAt,
    });
    expect((await timeline(inPause.id)).map((e) => e.kind)).toContain('sla.emergency');

    // An order created later inside a declared window gets it as well.
    const later = await createRepair(t, agent, 'CS-R-CSX');
    expect(later.sla.arrival!.state).toBe('paused');

    const list = await t.request('GET', '/sla/emergencies', { token: await t.token('dispatcher1') });
    expect(list.body.map((e: { reason: string }) => e.reason)).toEqual(
      expect.arrayContaining(['台风：道路中断', '山洪']),
    );
    const audit = await t.request('GET', '/audit?action=sla.emergency', { token: supervisor });
    expect(audit.body.items).toHaveLength(2);
  });

  it('bounds an emergency to 7 days, and ends one early: paused clocks get back the rest of the window', async () => {
    const agent = await t.token('agent1');
    const supervisor = await t.token('supervisor1');
    const count = async () =>
      (await t.request<unknown[]>('GET', '/sla/emergencies', { token: supervisor })).body.length;
    const before = await count();
    const startsAt = new Date(Date.now() - 10 * MIN);
    const body = { zoneIds: ['CS-M-WS'], startsAt: startsAt.toISOString(), mode: 'pause', reason: '暴雨' };
    for (const endsAt of [
      '9999-12-31T00:00:00Z',
      new Date(startsAt.getTime() + 7 * 1440 * MIN + 1000).toISOString(),
    ]) {
      const res = await t.request('POST', '/sla/emergencies', {
        token: supervisor,
        body: { ...body, endsAt },
      });
      expect(res.status, endsAt).toBe(400);
      expect(JSON.stringify(res.body.message)).toMatch(/at most 7 days/);
    }
    expect(await count()).toBe(before);

    const declared = await t.request<{ id: string; endsAt: string }>('POST', '/sla/emergencies', {
      token: supervisor,
      body: { ...body, endsAt: new Date(startsAt.getTime() + 7 * 1440 * MIN).toISOString() },
    });
    expect(declared.status).toBe(201);
    const order = await createRepair(t, agent, 'CS-M-WS');
    expect(order.sla.arrival!.state).toBe('paused');
    const id = declared.body.id;
    const end = (token: string, b: object = { reason: '雨停，道路畅通' }, which = id) =>
      t.request<{ endsAt: string; affectedClocks: number }>('POST', `/sla/emergencies/${which}/end`, {
        token,
        body: b,
      });
    expect((await end(await t.token('dispatcher1'))).status).toBe(403);
    expect((await end(supervisor, {})).status).toBe(400);
    expect((await end(supervisor, undefined, crypto.randomUUID())).status).toBe(404);

    const ended = await end(supervisor);
    expect(ended.status).toBe(200);
    expect(ended.body.affectedClocks).toBe(2);
    const endAt = Date.parse(ended.body.endsAt);
    expect(Math.abs(endAt - Date.now())).toBeLessThan(60_000);
    const after = (await t.request<Ticket>('GET', `/tickets/${order.id}`, { token: agent })).body;
    // Paused from its creation until the end, then its full 90 minutes (remote).
    expect(after.sla.arrival!.state).toBe('running');
    expect(Date.parse(after.sla.arrival!.dueAt)).toBe(endAt + 90 * MIN);
    expect((await end(supervisor)).status).toBe(409);
    // A new order in the zone starts its clocks as usual.
    const later = await createRepair(t, agent, 'CS-M-WS');
    expect(later.sla.arrival!.state).toBe('running');
    expect(Date.parse(later.sla.arrival!.dueAt) - Date.parse(later.createdAt)).toBe(90 * MIN);
    const audit = await t.request('GET', '/audit?action=sla.emergency_end', { token: supervisor });
    expect(audit.body.items).toEqual([expect.objectContaining({ entityId: id })]);
  });

  it('keeps each order in the queues at its clock closest to breach as clocks pause, resume and stop', async () => {
    const agent = await t.token('agent1');
    const dispatcher = await t.token('dispatcher1');
    const first = await createRepair(t, agent, 'CS-U-YL');
    await new Promise((r) => setTimeout(r, 5));
    const second = await createRepair(t, agent, 'CS-U-YL');
    const queue = async () => {
      const res = await t.request<{ items: Ticket[] }>(
        'GET',
        `/tickets?status=accepted&district=${encodeURIComponent(first.district!)}&pageSize=500`,
        { token: dispatcher },
      );
      const ids = res.body.items.map((i) => i.id);
      return ids.filter((id) => id === first.id || id === second.id);
    };
    expect(await queue()).toEqual([first.id, second.id]);

    // Paused, the first order's nearest clock is its restoration (4 h), after the second's arrival (30 min).
    await t.request('POST', `/tickets/${first.id}/sla/pause`, {
      token: dispatcher,
      body: { clock: 'arrival', reason: 'customer_unreachable' },
    });
    expect(await queue()).toEqual([second.id, first.id]);
    // Resumed, its arrival is due later by the time it was paused: its place follows that due time.
    const resumed = await t.request<Ticket>('POST', `/tickets/${first.id}/sla/resume`, {
      token: dispatcher,
      body: { clock: 'arrival' },
    });
    const firstDue = Date.parse(resumed.body.sla.arrival!.dueAt);
    const secondDue = Date.parse(second.sla.arrival!.dueAt);
    expect(firstDue).toBeGreaterThan(Date.parse(first.sla.arrival!.dueAt));
    expect(await queue()).toEqual(firstDue < secondDue ? [first.id, second.id] : [second.id, first.id]);

    // Whatever wrote the clocks in this suite (creation, pauses, emergencies, direct updates), every order's stored
    // nearest due time is the one its clocks give.
    const { rows } = (await t.database.db.execute(sql`select count(*)::int as n from tickets t
      where next_due_at is distinct from (select min(due_at) from sla_clocks c
        where c.ticket_id = t.id and c.stopped_at is null and c.state not in ('exempt', 'paused'))`)) as {
      rows: { n: number }[];
    };
    expect(rows[0]!.n).toBe(0);
    await t.database.db.execute(sql`update sla_clocks set stopped_at = now() where ticket_id = ${first.id}`);
    expect(
      (await t.database.db.select().from(tickets).where(eq(tickets.id, first.id)))[0]!.nextDueAt,
    ).toBeNull();
  });

  it('shows the policy in force', async () => {
    const res = await t.request('GET', '/sla/policy', { token: await t.token('agent1') });
    expect(res.status).toBe(200);
    expect(res.body.policy.id).toBe(DEFAULT_POLICY.id);
    expect(res.body.thresholds).toEqual({ atFraction: 0.8, atRemainingMs: 600_000 });
  });
});
