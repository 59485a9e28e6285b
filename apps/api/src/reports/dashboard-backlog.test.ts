import type { LiveDashboard } from '@gd/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crews, slaClocks, staff, tickets } from '../db/schema/index.js';
import { DATABASES, startTestApp, type TestApp } from '../test/harness.js';

const MIN = 60_000;

type ClockSpec = { kind: 'arrival' | 'restoration'; state: string; dueIn: number; stopped?: boolean };

/**
 * The dashboard's storm backlog, on scripted orders:
 *
 * | order | type         | status    | crew | parent | clocks (due in minutes; state)                   | waiting | forecast |
 * | W1    | fault_repair | accepted  | -    | -      | arrival +20 running, restoration +180 running   | yes     | yes      |
 * | W2    | fault_repair | accepted  | -    | -      | arrival +50 warning, restoration +55 running    | yes     | yes (once) |
 * | W3    | fault_repair | accepted  | -    | W1     | arrival +15 running                              | no      | yes      |
 * | W4    | fault_repair | dispatched| yes  | -      | arrival +30 running                              | no      | yes      |
 * | W5    | fault_repair | on_site   | yes  | -      | arrival met (stopped), restoration +45 running  | no      | yes      |
 * | W6    | fault_repair | dispatched| yes  | -      | arrival +10 paused, restoration +40 exempt      | no      | no       |
 * | W7    | fault_repair | dispatched| yes  | -      | arrival -5 (already breached), restoration +90  | no      | no       |
 * | W8    | complaint    | accepted  | -    | -      | -                                                | no      | no       |
 */
describe.each(DATABASES)('the dashboard backlog tiles on %s', (kind) => {
  let t: TestApp;
  let now = new Date();
  const created: Record<string, Date> = {};

  beforeAll(async () => {
    t = await startTestApp(kind, { customers: 0 });
    now = new Date();
    const db = t.database.db;
    const agent = (await db.select().from(staff)).find((p) => p.username === 'agent1')!.id;
    const crewId = (await db.select().from(crews).limit(1))[0]!.id;
    const ids: Record<string, string> = {};
    const order = async (
      name: string,
      o: { type?: string; status: string; crew?: boolean; parent?: string; age: number; clocks: ClockSpec[] },
    ) => {
      created[name] = new Date(now.getTime() - o.age * MIN);
      const [row] = await db
        .insert(tickets)
        .values({
          number: `GDBACKLOG${name}`,
          type: o.type ?? 'fault_repair',
          status: o.status,
          description: name,
          zoneClass: 'urban',
          firstResponderId: agent,
          ownerId: agent,
          crewId: o.crew ? crewId : null,
          parentId: o.parent ? ids[o.parent]! : null,
          createdAt: created[name],
        })
        .returning();
      ids[name] = row!.id;
      for (const c of o.clocks) {
        const due = new Date(now.getTime() + c.dueIn * MIN);
        await db.insert(slaClocks).values({
          ticketId: row!.id,
          kind: c.kind,
          clock: {},
          state: c.state,
          startedAt: created[name],
          dueAt: due,
          rawDueAt: due,
          stoppedAt: c.stopped ? now : null,
        });
      }
    };
    await order('W1', {
      status: 'accepted',
      age: 40,
      clocks: [
        { kind: 'arrival', state: 'running', dueIn: 20 },
        { kind: 'restoration', state: 'running', dueIn: 180 },
      ],
    });
    await order('W2', {
      status: 'accepted',
      age: 10,
      clocks: [
        { kind: 'arrival', state: 'warning', dueIn: 50 },
        { kind: 'restoration', state: 'running', dueIn: 55 },
      ],
    });
    await order('W3', {
      status: 'accepted',
      age: 90,
      parent: 'W1',
      clocks: [{ kind: 'arrival', state: 'running', dueIn: 15 }],
    });
    await order('W4', {
      status: 'dispatched',
      crew: true,
      age: 100,
      clocks: [{ kind: 'arrival', state: 'running', dueIn: 30 }],
    });
    await order('W5', {
      status: 'on_site',
      crew: true,
      age: 120,
      clocks: [
        { kind: 'arrival', state: 'met', dueIn: 5, stopped: true },
        { kind: 'restoration', state: 'running', dueIn: 45 },
      ],
    });
    await order('W6', {
      status: 'dispatched',
      crew: true,
      age: 130,
      clocks: [
        { kind: 'arrival', state: 'paused', dueIn: 10 },
        { kind: 'restoration', state: 'exempt', dueIn: 40 },
      ],
    });
    await order('W7', {
      status: 'dispatched',
      crew: true,
      age: 140,
      clocks: [
        { kind: 'arrival', state: 'running', dueIn: -5 },
        { kind: 'restoration', state: 'running', dueIn: 90 },
      ],
    });
    await order('W8', { type: 'complaint', status: 'accepted', age: 200, clocks: [] });
  });
  afterAll(() => t?.close());

  it('counts the orders waiting for a crew, the oldest wait, and the orders forecast to breach within the hour', async () => {
    const res = await t.request<LiveDashboard>('GET', '/reports/dashboard/live', {
      token: await t.token('supervisor1'),
    });
    expect(res.status).toBe(200);
    expect(res.body.backlog).toEqual({
      waiting: 2,
      oldestWaitingSince: created.W1!.toISOString(),
      breachesNextHour: 5, // W1, W2 (two clocks, one order), W3, W4, W5
    });
  });
});
