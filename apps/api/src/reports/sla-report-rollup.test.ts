import type { SlaReportRow } from '@gd/domain';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, startTestApp, type TestApp } from '../test/harness.js';
import { ROLLUP_LOCK } from './sla-report.repository.js';
import { splitRange } from './sla-report.service.js';
import { SlaReportRollupService } from './sla-report-rollup.service.js';

const DAY = 86_400_000;
const GROUPS = ['zoneClass', 'district', 'crew'] as const;

describe('splitRange', () => {
  const at = (s: string) => new Date(s);
  it('reads the rolled-up days wholly inside the range from the roll-up, and the rest clock by clock', () => {
    const from = at('2026-11-01T07:13:00Z');
    const to = at('2026-11-06T12:00:00Z');
    const frozen = ['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-05', '2026-11-06'];
    expect(splitRange(from, to, frozen)).toEqual({
      days: ['2026-11-02', '2026-11-03', '2026-11-05'],
      live: [
        { from, to: at('2026-11-02T00:00:00Z') },
        { from: at('2026-11-04T00:00:00Z'), to: at('2026-11-05T00:00:00Z') },
        { from: at('2026-11-06T00:00:00Z'), to },
      ],
    });
    expect(splitRange(from, to, [])).toEqual({ days: [], live: [{ from, to }] });
    expect(splitRange(at('2026-11-02T00:00:00Z'), at('2026-11-03T00:00:00Z'), ['2026-11-02'])).toEqual({
      days: ['2026-11-02'],
      live: [],
    });
  });
});

/**
 * 1,500 orders over the 40 days before `now` (most fault repairs, some service requests), their clocks in every
 * state the report tells apart, laid out by a formula so each day and group differs; plus one order ten days old
 * whose clock runs until tomorrow.
 */
async function seedHistory(t: TestApp, now: Date) {
  const unsettledDay = tenDaysBefore(now);
  const db = t.database.db;
  await db.execute(sql`
    with z as (select array_agg(id order by id) as id, array_agg(district order by id) as d,
                      array_agg(zone_class order by id) as c, count(*)::int as k from zones),
         cr as (select array_agg(id order by code) as id, count(*)::int as k from crews),
         a as (select id from staff where username = 'agent1')
    insert into tickets (number, type, status, description, zone_id, zone_class, district, first_responder_id,
                         owner_id, crew_id, created_at, updated_at)
    select 'RU' || lpad(g::text, 8, '0'), case when g % 7 = 0 then 'service_request' else 'fault_repair' end,
           'closed', 'roll-up', z.id[1 + g % z.k], z.c[1 + g % z.k], z.d[1 + g % z.k], a.id, a.id,
           case when g % 11 <> 0 then cr.id[1 + g % cr.k] end,
           ${now.toISOString()}::timestamptz - (g * 2297 % (40 * 1440)) * interval '1 minute',
           ${now.toISOString()}::timestamptz
      from generate_series(1, 1500) g, z, cr, a`);
  // Per clock, by g % 8: met, breached late, running past due, paused, exempt stopped, exempt open, warning past
  // due, met after a pause. Minutes to stop vary with g.
  for (const k of ['arrival', 'restoration'] as const) {
    const budget = k === 'arrival' ? 45 : 300;
    await db.execute(sql`
      insert into sla_clocks (ticket_id, kind, clock, state, started_at, due_at, raw_due_at, stopped_at, paused_ms)
      select t.id, ${k}, '{}'::jsonb,
             (array['met', 'breached', 'running', 'paused', 'exempt', 'exempt', 'warning', 'met'])[1 + g % 8],
             t.created_at,
             t.created_at + (${budget} + case when g % 8 = 7 then 20 else 0 end) * interval '1 minute',
             t.created_at + ${budget} * interval '1 minute',
             case when g % 8 in (0, 7) then t.created_at + (g * 13 % ${budget}) * interval '1 minute'
                  when g % 8 in (1, 4) then t.created_at + (${budget} + g % 97) * interval '1 minute' end,
             case when g % 8 = 7 then 20 * 60000 else 0 end
        from (select id, created_at, substr(number, 3)::int as g from tickets where number like 'RU%') t`);
  }
  // Ten days old and still running until tomorrow (a long pause resumed): its day cannot be rolled up yet.
  await db.execute(sql`
    insert into tickets (number, type, status, description, zone_id, zone_class, district, first_responder_id,
                         owner_id, created_at, updated_at)
    select 'RU-OPEN', 'fault_repair', 'on_site', 'still open', 'CS-U-YL', 'urban', '岳麓区', id, id,
           ${unsettledDay}::date + interval '12 hours', ${now.toISOString()}::timestamptz
      from staff where username = 'agent1'`);
  await db.execute(sql`
    insert into sla_clocks (ticket_id, kind, clock, state, started_at, due_at, raw_due_at, paused_ms)
    select id, 'restoration', '{}'::jsonb, 'running', created_at, ${now.toISOString()}::timestamptz + interval '1 day',
           created_at + interval '4 hours', 0
      from tickets where number = 'RU-OPEN'`);
}

/** Drops the roll-up of one day (as a change to one of its clocks does), or of every day. */
async function forgetRollUp(t: TestApp, day?: string) {
  const which = day ? sql`day = ${day}::date` : sql`true`;
  await t.database.db.execute(sql`delete from sla_report_frozen where ${which}`);
  await t.database.db.execute(sql`delete from sla_report_days where ${which}`);
}

const tenDaysBefore = (now: Date) => new Date(now.getTime() - 10 * DAY).toISOString().slice(0, 10);

/** The report must give the same figures whether it reads the settled days from the roll-up or every clock. */
describe.each(DATABASES)('the SLA report over its daily roll-up on %s', (kind) => {
  let t: TestApp;
  let rollup: SlaReportRollupService;
  const now = new Date();
  const from = new Date(now.getTime() - 35 * DAY + 7 * 3_600_000 + 13 * 60_000);
  const unsettledDay = tenDaysBefore(now);

  beforeAll(async () => {
    t = await startTestApp(kind, { customers: 0 });
    rollup = t.app.get(SlaReportRollupService, { strict: false });
    await seedHistory(t, now);
  }, 120_000);
  afterAll(() => t?.close());

  async function reports(type = 'fault_repair') {
    const token = await t.token('supervisor1');
    const range = `from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(now.toISOString())}`;
    const out: Record<string, SlaReportRow[]> = {};
    for (const groupBy of GROUPS) {
      const res = await t.request<SlaReportRow[]>(
        'GET',
        `/reports/sla?${range}&groupBy=${groupBy}&type=${type}`,
        {
          token,
        },
      );
      expect(res.status).toBe(200);
      out[groupBy] = res.body;
    }
    return out;
  }

  /** Counts exactly; rates and minutes within their rounding (sums added in another order). */
  function expectSame(actual: Record<string, SlaReportRow[]>, expected: Record<string, SlaReportRow[]>) {
    for (const groupBy of GROUPS) {
      const a = actual[groupBy]!;
      const e = expected[groupBy]!;
      expect(a.map((r) => r.key)).toEqual(e.map((r) => r.key));
      for (const [i, row] of e.entries()) {
        for (const [field, value] of Object.entries(row)) {
          const got = (a[i] as unknown as Record<string, unknown>)[field];
          if (typeof value === 'number' && !Number.isInteger(value)) expect(got).toBeCloseTo(value, 1);
          else expect(got, `${groupBy} ${row.key} ${field}`).toEqual(value);
        }
      }
    }
  }

  const frozen = async () =>
    (
      (await t.database.db.execute(
        sql`select to_char(day, 'YYYY-MM-DD') as day from sla_report_frozen order by day`,
      )) as unknown as { rows: { day: string }[] }
    ).rows.map((r) => r.day);

  it('reads the settled days from the roll-up, with the figures it reads from every clock', async () => {
    const live = await reports();
    const liveRequests = await reports('service_request');
    const { built, unsettled } = await rollup.rollUp(now, 100);
    // Days from 40 to 3 days ago, but the one with a clock still running.
    expect(built.length).toBeGreaterThanOrEqual(36);
    expect(unsettled).toEqual([unsettledDay]);
    expect(await frozen()).not.toContain(unsettledDay);
    const newest = new Date(now.getTime() - 2 * DAY - DAY).toISOString().slice(0, 10);
    expect((await frozen()).at(-1)! <= newest).toBe(true);
    const rows = (await t.database.db.execute(
      sql`select count(*)::int as n from sla_report_days`,
    )) as unknown as {
      rows: { n: number }[];
    };
    expect(rows.rows[0]!.n).toBeGreaterThan(100);
    expectSame(await reports(), live);
    expectSame(await reports('service_request'), liveRequests);
    // A second run has nothing left to do.
    expect((await rollup.rollUp(now, 100)).built).toEqual([]);
  });

  it('forgets a day when one of its clocks changes (a late stop), and reports the change at once', async () => {
    if (!(await frozen()).length) await rollup.rollUp(now, 100);
    const before = await reports();
    const target = (await t.database.db.execute(sql`
      select c.ticket_id, to_char(c.order_created_at at time zone 'UTC', 'YYYY-MM-DD') as day
        from sla_clocks c join sla_report_frozen f on f.day = (c.order_created_at at time zone 'UTC')::date
       where c.kind = 'arrival' and c.state = 'running' and c.order_type = 'fault_repair'
       order by c.order_created_at desc limit 1`)) as unknown as {
      rows: { ticket_id: string; day: string }[];
    };
    const { ticket_id: ticketId, day } = target.rows[0]!;
    // Nobody came for two days: the crew's arrival is recorded, late.
    await t.database.db.execute(sql`
      update sla_clocks set state = 'breached', stopped_at = started_at + interval '2 days'
       where ticket_id = ${ticketId} and kind = 'arrival'`);
    expect(await frozen()).not.toContain(day);
    const after = await reports();
    expect(after).not.toEqual(before);
    // Rolled up again, and against every clock read afresh: the same figures.
    expect((await rollup.rollUp(now, 100)).built).toEqual([day]);
    expectSame(await reports(), after);
    await forgetRollUp(t);
    expectSame(await reports(), after);
  });

  it('forgets the days a bulk load of old clocks lands in, and leaves the others alone', async () => {
    await rollup.rollUp(now, 100);
    const days = await frozen();
    const day = days[Math.floor(days.length / 2)]!;
    await t.database.db.execute(sql`
      insert into tickets (number, type, status, description, zone_id, zone_class, district, first_responder_id,
                           owner_id, created_at, updated_at)
      select 'RU-LATE', 'fault_repair', 'closed', 'loaded late', 'CS-U-YL', 'urban', '岳麓区', id, id,
             ${day}::date + interval '3 hours', now()
        from staff where username = 'agent1'`);
    const before = await reports();
    await t.database.db.execute(sql`
      insert into sla_clocks (ticket_id, kind, clock, state, started_at, due_at, raw_due_at, stopped_at, paused_ms)
      select id, 'arrival', '{}'::jsonb, 'met', created_at, created_at + interval '30 minutes',
             created_at + interval '30 minutes', created_at + interval '12 minutes', 0
        from tickets where number = 'RU-LATE'`);
    expect(await frozen()).toEqual(days.filter((d) => d !== day));
    const after = await reports();
    expect(after.zoneClass!.find((r) => r.key === 'urban')!.orders).toBe(
      before.zoneClass!.find((r) => r.key === 'urban')!.orders + 1,
    );
    // Fresh clocks (today's orders) never touch the roll-up.
    await t.database.db.execute(
      sql`update sla_clocks set paused_ms = paused_ms + 1 where order_created_at > now() - interval '1 hour'`,
    );
    expect(await frozen()).toEqual(days.filter((d) => d !== day));
  });

  it('forgets every day when the clocks are truncated', async () => {
    await rollup.rollUp(now, 100);
    expect((await frozen()).length).toBeGreaterThan(0);
    await t.database.db.execute(sql`truncate sla_clocks`);
    expect(await frozen()).toEqual([]);
    const rows = (await t.database.db.execute(
      sql`select count(*)::int as n from sla_report_days`,
    )) as unknown as {
      rows: { n: number }[];
    };
    expect(rows.rows[0]!.n).toBe(0);
    expect((await reports()).zoneClass).toEqual([]);
  });
});

/**
 * Postgres: a roll-up of a day racing a writer that changes one of its clocks. The writer's trigger holds the day's
 * lock shared until it commits, so the roll-up waits and sums the day with the change, never without it.
 */
describe.runIf(process.env.DATABASE_URL)('the SLA roll-up racing a writer (postgres)', () => {
  let t: TestApp;
  let rollup: SlaReportRollupService;
  const now = new Date();

  beforeAll(async () => {
    t = await startTestApp('postgres', { customers: 0 });
    rollup = t.app.get(SlaReportRollupService, { strict: false });
    await seedHistory(t, now);
  }, 120_000);
  afterAll(() => t?.close());

  /** The day's rolled-up totals, to compare two builds of it. */
  const dayTotals = async (day: string) =>
    (
      (await t.database.db.execute(sql`
        select kind, sum(clocks)::int as clocks, sum(judged)::int as judged, sum(breached)::int as breached,
               sum(minutes_count)::int as stopped
          from sla_report_days where day = ${day}::date group by kind order by kind`)) as unknown as {
        rows: Record<string, unknown>[];
      }
    ).rows;

  it('waits for the writer, then sums the day with its change', async () => {
    await rollup.rollUp(now, 100);
    const target = (await t.database.db.execute(sql`
      select c.ticket_id, to_char(f.day, 'YYYY-MM-DD') as day, f.day - date '1970-01-01' as n
        from sla_clocks c join sla_report_frozen f on f.day = (c.order_created_at at time zone 'UTC')::date
       where c.kind = 'arrival' and c.state = 'running' order by c.order_created_at desc limit 1`)) as unknown as {
      rows: { ticket_id: string; day: string; n: number }[];
    };
    const { ticket_id: ticketId, day, n } = target.rows[0]!;
    const before = await dayTotals(day);
    // The day is due again (as after an earlier change), and a writer is changing one of its clocks right now.
    await forgetRollUp(t, day);
    const writer = new pg.Client({ connectionString: t.config.DATABASE_URL as string });
    await writer.connect();
    try {
      await writer.query('begin');
      await writer.query(
        `update sla_clocks set state = 'breached', stopped_at = started_at + interval '2 days'
          where ticket_id = $1 and kind = 'arrival'`,
        [ticketId],
      );
      const rolling = rollup.rollUp(now, 100);
      // The roll-up is waiting on the day's lock.
      for (const end = Date.now() + 10_000; ; ) {
        const waiting = (await t.database.db.execute(sql`
          select count(*)::int as n from pg_locks
           where locktype = 'advisory' and not granted and classid = ${ROLLUP_LOCK} and objid = ${n}`)) as unknown as {
          rows: { n: number }[];
        };
        if (waiting.rows[0]!.n > 0) break;
        if (Date.now() > end) throw new Error('the roll-up never waited for the writer');
        await new Promise((r) => setTimeout(r, 50));
      }
      await writer.query('commit');
      expect((await rolling).built).toContain(day);
    } finally {
      await writer.end();
    }
    const after = await dayTotals(day);
    expect(after).not.toEqual(before);
    // Built afresh with nothing racing: the same.
    await forgetRollUp(t, day);
    expect((await rollup.rollUp(now, 100)).built).toEqual([day]);
    expect(await dayTotals(day)).toEqual(after);
  });
});
