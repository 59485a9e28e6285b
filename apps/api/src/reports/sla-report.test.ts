import { randomUUID } from 'node:crypto';
import type { SlaReportRow } from '@gd/domain';
import { type Clock, pauseClock, resumeClock } from '@gd/sla';
import { and, eq, isNotNull, lte, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slaClocks, staff, tickets } from '../db/schema/index.js';
import { inTransaction } from '../db/transaction.js';
import { waitFor } from '../sla/sla.fixtures.js';
import { SlaClockService } from '../sla/sla-clock.service.js';
import { SlaClocksRepository } from '../sla/sla-clocks.repository.js';
import { DATABASES, startTestApp, type TestApp } from '../test/harness.js';

const MIN = 60_000;
const CREW = { X: randomUUID(), Y: randomUUID(), Z: randomUUID() };

/**
 * A scripted set of repair orders with known times (minutes after creation), created two days ago so every
 * clock is decided. Figures by hand:
 *
 * | order | zone (district)     | crew | arrival        | restoration                                    |
 * | A     | urban 岳麓区 CS-U-YL | X    | 20 (≤30 met)   | 180 (≤240 met)                                 |
 * | B     | urban 岳麓区 CS-U-YL | Y    | 40 (breached)  | 300 (breached)                                 |
 * | C     | urban 开福区 CS-U-KF | X    | 10 (met)       | 270, paused 60–120: met adjusted (due 300), raw late |
 * | D     | rural 望城区 CS-R-WC | Z    | 50 (≤60 met)   | never: running past due → breached             |
 * | E     | remote 浏阳市 CS-M-DWS | Z  | 100, exempt by an emergency (raw late) | 200, exempt (raw met) |
 * | F     | urban, created 40 days ago: outside the range                                            |
 */
describe.each(DATABASES)('GET /api/reports/sla on %s', (kind) => {
  let t: TestApp;
  const base = Math.floor((Date.now() - 2 * 86_400_000) / MIN) * MIN;
  const at = (min: number) => new Date(base + min * MIN);

  beforeAll(async () => {
    t = await startTestApp(kind, { customers: 20 });
    const db = t.database.db;
    const clocks = t.app.get(SlaClockService, { strict: false });
    const repo = t.app.get(SlaClocksRepository, { strict: false });
    const [agent] = await db.select().from(staff).where(eq(staff.username, 'agent1'));
    const zones = {
      'CS-U-YL': { zoneClass: 'urban', district: '岳麓区' },
      'CS-U-KF': { zoneClass: 'urban', district: '开福区' },
      'CS-R-WC': { zoneClass: 'rural', district: '望城区' },
      'CS-M-DWS': { zoneClass: 'remote', district: '浏阳市' },
    } as const;
    const script: {
      name: string;
      zone: keyof typeof zones;
      crew: string;
      created?: Date;
      arrive?: number;
      restore?: number;
      pause?: [number, number];
      exemptFrom?: number;
    }[] = [
      { name: 'A', zone: 'CS-U-YL', crew: CREW.X, arrive: 20, restore: 180 },
      { name: 'B', zone: 'CS-U-YL', crew: CREW.Y, arrive: 40, restore: 300 },
      { name: 'C', zone: 'CS-U-KF', crew: CREW.X, arrive: 10, restore: 270, pause: [60, 120] },
      { name: 'D', zone: 'CS-R-WC', crew: CREW.Z, arrive: 50 },
      { name: 'E', zone: 'CS-M-DWS', crew: CREW.Z, arrive: 100, restore: 200, exemptFrom: 0 },
      {
        name: 'F',
        zone: 'CS-U-YL',
        crew: CREW.X,
        created: new Date(base - 38 * 86_400_000),
        arrive: 20,
        restore: 60,
      },
    ];
    for (const [i, s] of script.entries()) {
      const created = s.created ?? at(0);
      await inTransaction(db, async (tx) => {
        const [row] = await tx
          .insert(tickets)
          .values({
            number: `GDTEST${String(i).padStart(6, '0')}`,
            type: 'fault_repair',
            status: 'accepted',
            description: `scripted ${s.name}`,
            zoneId: s.zone,
            ...zones[s.zone],
            firstResponderId: agent!.id,
            ownerId: agent!.id,
            createdAt: created,
            updatedAt: created,
          })
          .returning();
        await clocks.startClocks(tx, row!, created);
        const ticket = { ...row!, crewId: s.crew };
        const rel = (min: number) => new Date(created.getTime() + min * MIN);
        if (s.pause) {
          const [restoration] = await tx
            .select()
            .from(slaClocks)
            .where(and(eq(slaClocks.ticketId, row!.id), eq(slaClocks.kind, 'restoration')));
          let c = restoration!.clock as unknown as Clock;
          c = resumeClock(pauseClock(c, rel(s.pause[0]), 'customer_appointment'), rel(s.pause[1]));
          await repo.save(tx, ticket, c);
        }
        if (s.arrive !== undefined) await clocks.onMilestone(tx, ticket, 'on_site', rel(s.arrive));
        if (s.restore !== undefined) await clocks.onMilestone(tx, ticket, 'restored', rel(s.restore));
      });
      if (s.exemptFrom !== undefined) {
        // Declared after the fact: the emergency exempts E's clocks from its creation on.
        const res = await t.request('POST', '/sla/emergencies', {
          token: await t.token('supervisor1'),
          body: {
            zoneIds: [s.zone],
            startsAt: at(s.exemptFrom).toISOString(),
            endsAt: at(30).toISOString(),
            mode: 'exempt',
            reason: '山体滑坡',
          },
        });
        expect(res.status).toBe(201);
      }
    }
    // Let the escalation scheduler look at every overdue clock (D's restoration becomes breached).
    await waitFor(async () => {
      const due = await db
        .select()
        .from(slaClocks)
        .where(and(isNotNull(slaClocks.nextCheckAt), lte(slaClocks.nextCheckAt, new Date())));
      return due.length === 0;
    });
  });
  afterAll(() => t?.close());

  const report = async (query: string, user = 'supervisor1') =>
    t.request<SlaReportRow[]>('GET', `/reports/sla?${query}`, { token: await t.token(user) });
  const range = () =>
    `from=${encodeURIComponent(at(-24 * 60).toISOString())}&to=${encodeURIComponent(new Date().toISOString())}`;

  it('groups by zone class with adjusted and raw figures matching the hand count', async () => {
    const res = await report(`${range()}&groupBy=zoneClass`);
    expect(res.status).toBe(200);
    const byKey = Object.fromEntries(res.body.map((r) => [r.key, r]));
    expect(Object.keys(byKey).sort()).toEqual(['remote', 'rural', 'urban']);
    expect(byKey.urban).toMatchObject({
      orders: 3,
      arrivalOnTimeRate: 0.6667,
      arrivalOnTimeRateRaw: 0.6667,
      avgArrivalMin: 23.33,
      p90ArrivalMin: 40,
      restorationOnTimeRate: 0.6667,
      restorationOnTimeRateRaw: 0.3333,
      avgRestorationMin: 250,
      avgRestorationAdjustedMin: 230,
      p90RestorationMin: 300,
      arrivalBreached: 1,
      restorationBreached: 1,
      exemptClocks: 0,
    });
    expect(byKey.rural).toMatchObject({
      orders: 1,
      arrivalOnTimeRate: 1,
      avgArrivalMin: 50,
      p90ArrivalMin: 50,
      restorationOnTimeRate: 0,
      restorationOnTimeRateRaw: 0,
      avgRestorationMin: null,
      restorationBreached: 1,
    });
    expect(byKey.remote).toMatchObject({
      orders: 1,
      arrivalOnTimeRate: null,
      arrivalOnTimeRateRaw: 0,
      avgArrivalMin: 100,
      avgArrivalAdjustedMin: null,
      restorationOnTimeRate: null,
      restorationOnTimeRateRaw: 1,
      avgRestorationMin: 200,
      exemptClocks: 2,
    });
  });

  it('groups by district and by the crew that stopped the clock', async () => {
    const districts = Object.fromEntries(
      (await report(`${range()}&groupBy=district`)).body.map((r) => [r.key, r]),
    );
    expect(districts['岳麓区']).toMatchObject({
      orders: 2,
      arrivalOnTimeRate: 0.5,
      avgArrivalMin: 30,
      restorationOnTimeRate: 0.5,
    });
    expect(districts['开福区']).toMatchObject({
      orders: 1,
      arrivalOnTimeRate: 1,
      restorationOnTimeRate: 1,
      restorationOnTimeRateRaw: 0,
    });
    const crews = Object.fromEntries((await report(`${range()}&groupBy=crew`)).body.map((r) => [r.key, r]));
    expect(crews[CREW.X]).toMatchObject({ orders: 2, avgArrivalMin: 15, avgRestorationMin: 225 });
    expect(crews[CREW.Y]).toMatchObject({ orders: 1, arrivalOnTimeRate: 0 });
    expect(crews[CREW.Z]).toMatchObject({
      orders: 2,
      avgArrivalMin: 75,
      arrivalOnTimeRate: 1,
      arrivalOnTimeRateRaw: 0.5,
    });
  });

  it('takes the range on order creation: the old order counts only in a range that holds it', async () => {
    const old = await report(
      `from=${encodeURIComponent(new Date(base - 40 * 86_400_000).toISOString())}&to=${encodeURIComponent(new Date(base - 30 * 86_400_000).toISOString())}`,
    );
    expect(old.body).toEqual([
      expect.objectContaining({ key: 'urban', orders: 1, avgArrivalMin: 20, avgRestorationMin: 60 }),
    ]);
  });

  it('reports clocks written without the copied order columns (bulk loads): the trigger fills them', async () => {
    const db = t.database.db;
    const [agent] = await db.select().from(staff).where(eq(staff.username, 'agent1'));
    const created = at(0);
    const [order] = await db
      .insert(tickets)
      .values({
        number: 'GDTESTBULK01',
        type: 'service_request',
        subKind: 'appliance_damage',
        status: 'completed',
        description: 'bulk',
        zoneId: 'CS-U-YL',
        zoneClass: 'urban',
        district: '岳麓区',
        crewId: CREW.Y,
        firstResponderId: agent!.id,
        ownerId: agent!.id,
        createdAt: created,
        updatedAt: created,
      })
      .returning();
    const due = new Date(created.getTime() + 24 * 60 * MIN);
    await db.execute(sql`
      insert into sla_clocks (ticket_id, kind, clock, state, started_at, due_at, raw_due_at, stopped_at, paused_ms)
      values (${order!.id}, 'arrival', '{}'::jsonb, 'met', ${created.toISOString()}::timestamptz,
              ${due.toISOString()}::timestamptz, ${due.toISOString()}::timestamptz,
              ${at(30).toISOString()}::timestamptz, 0)`);
    const res = await report(`${range()}&groupBy=crew&type=service_request`);
    expect(res.body).toEqual([
      expect.objectContaining({ key: CREW.Y, orders: 1, arrivalOnTimeRate: 1, avgArrivalMin: 30 }),
    ]);
  });

  it('refuses a malformed or inverted range (400) and other roles (403)', async () => {
    const now = new Date().toISOString();
    expect(
      (await report(`from=${encodeURIComponent(now)}&to=${encodeURIComponent(at(0).toISOString())}`)).status,
    ).toBe(400);
    expect((await report('from=yesterday')).status).toBe(400);
    expect((await report('from=2026-11-01T00:00:00')).status).toBe(400);
    expect((await report('groupBy=agent')).status).toBe(400);
    expect((await report(range(), 'agent1')).status).toBe(403);
    expect((await report(range(), 'crew01')).status).toBe(403);
    for (const user of ['qa1', 'dispatcher1', 'admin'])
      expect((await report(range(), user)).status).toBe(200);
  });
});
