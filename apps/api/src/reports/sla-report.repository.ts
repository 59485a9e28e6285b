import { Injectable } from '@nestjs/common';
import { type SQL, sql } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../db/client.js';
import type { SlaGroup } from './reports.dto.js';

const KEYS: Record<SlaGroup, SQL> = {
  zoneClass: sql.raw(`coalesce(zone_class, 'unknown')`),
  district: sql.raw(`coalesce(district, 'unknown')`),
  crew: sql.raw(`coalesce(crew_id::text, 'unassigned')`),
};

export interface SlaReportSqlRow {
  key: string;
  orders: number;
  arrival_judged: number;
  arrival_met: number;
  arrival_raw_judged: number;
  arrival_raw_met: number;
  arrival_breached: number;
  restoration_judged: number;
  restoration_met: number;
  restoration_raw_judged: number;
  restoration_raw_met: number;
  restoration_breached: number;
  exempt_clocks: number;
  avg_arrival_min: number | null;
  avg_arrival_adjusted_min: number | null;
  p90_arrival_min: number | null;
  avg_restoration_min: number | null;
  avg_restoration_adjusted_min: number | null;
  p90_restoration_min: number | null;
}

/** A half-open range of order creation read from `sla_clocks` itself. */
export interface LiveRange {
  from: Date;
  to: Date;
}

const DAY = 86_400_000;
/** A roll-up day (YYYY-MM-DD, UTC) of an instant, and the instant it starts. */
export const utcDay = (d: Date) => d.toISOString().slice(0, 10);
export const dayStart = (day: string) => new Date(`${day}T00:00:00Z`);

/** Advisory-lock class of a day's roll-up (the second key is the day's number since 1970; migration 0023). */
export const ROLLUP_LOCK = 955_980_022;
const REPORTED = sql.raw(`kind in ('arrival', 'restoration')`);
// Instants as ISO text with an explicit cast: both drivers (pg, PGlite) bind them the same way.
const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;

/**
 * Each clock's figures as of `now`, one row per clock:
 *
 * - adjusted (the official figure): judged = `met` or `breached`, or still running (or warning) past its adjusted
 *   due time: that clock is breached whether or not the escalation scheduler has written the state yet (in a storm
 *   it lags, and an order nobody reached would otherwise never count against the rate); exempt and paused clocks
 *   are left out.
 * - raw: judged = stopped, or still running past the raw due time; on time = stopped by the raw due time.
 *   Exempt clocks count once they have a real stop (the arrival of the crew is known).
 * - minutes: wall time from the clock's start to its stop; adjusted subtracts the paused time.
 *
 * date_part (float8) rather than extract (numeric, slow to compute and average).
 */
function clockFigures(now: Date) {
  const overdue = sql`(state in ('running', 'warning') and due_at < ${ts(now)})`;
  return sql`state,
    state in ('met', 'breached') or ${overdue} as judged,
    ${overdue} as overdue,
    (stopped_at is not null or (state <> 'exempt' and raw_due_at < ${ts(now)})) as raw_judged,
    stopped_at <= raw_due_at as raw_met,
    date_part('epoch', stopped_at - started_at) / 60 as mins,
    (date_part('epoch', stopped_at - started_at) * 1000 - paused_ms) / 60000 as adj`;
}

/** The figures of a set of clocks (rows of clockFigures), as the roll-up stores them: counts, sums, minutes. */
const FIGURE_SUMS = sql.raw(`count(*)::int as clocks,
    count(*) filter (where judged)::int as judged,
    count(*) filter (where state = 'met')::int as met,
    count(*) filter (where raw_judged)::int as raw_judged,
    count(*) filter (where raw_met)::int as raw_met,
    count(*) filter (where state = 'breached' or overdue)::int as breached,
    count(*) filter (where state = 'exempt')::int as exempt,
    coalesce(sum(mins), 0) as minutes_sum,
    count(mins)::int as minutes_count,
    coalesce(sum(adj) filter (where judged), 0) as adjusted_sum,
    count(adj) filter (where judged)::int as adjusted_count,
    coalesce(array_agg(mins) filter (where mins is not null), '{}') as minutes`);

/**
 * The SLA report from `sla_clocks` through its covering index `sla_clocks_report` (kind, order creation time, order
 * type, group keys and figures: no order row is read) for the live ranges, and from the daily roll-up
 * (`sla_report_days`) for the settled days between them. p90 is the nearest rank (percentile_disc), as in @gd/sla,
 * over every clock's minutes of both.
 */
@Injectable()
export class SlaReportRepository {
  /**
   * Postgres only, inside the report's transaction: no JIT (the planner's estimate for a month of clocks turns it
   * on, and compiling costs more than the whole scan) and enough memory to sort the p90 values in memory.
   */
  async tuneForReport(tx: DatabaseOrTransaction) {
    await tx.execute(sql`set local jit = off`);
    await tx.execute(sql`set local work_mem = '64MB'`);
  }

  /** The rolled-up days (YYYY-MM-DD, UTC) from `first` to `last`, inclusive. */
  async frozenDays(db: DatabaseOrTransaction, first: string, last: string): Promise<string[]> {
    const result = (await db.execute(sql`
      select to_char(day, 'YYYY-MM-DD') as day from sla_report_frozen
       where day between ${first}::date and ${last}::date order by day`)) as unknown as {
      rows: { day: string }[];
    };
    return result.rows.map((r) => r.day);
  }

  async sla(
    db: DatabaseOrTransaction,
    q: { live: LiveRange[]; days: string[]; groupBy: SlaGroup; type: string; now: Date },
  ): Promise<SlaReportSqlRow[]> {
    const key = KEYS[q.groupBy];
    // One index range scan per live range (an OR of ranges would read every clock of the kind).
    const scans = q.live.map(
      (r) => sql`select ${key} as key, kind = 'arrival' as arr, ${clockFigures(q.now)}
        from sla_clocks
       where ${REPORTED} and order_created_at >= ${ts(r.from)} and order_created_at < ${ts(r.to)}
         and order_type = ${q.type}`,
    );
    const live = scans.length
      ? sql.join(scans, sql` union all `)
      : sql`select null as key, true as arr, ${clockFigures(q.now)} from sla_clocks where false`;
    const days = q.days.length
      ? sql`day in (${sql.join(
          q.days.map((d) => sql`${d}::date`),
          sql`, `,
        )})`
      : sql`false`;
    // The live clocks once each (the fenced subquery: flattened into the aggregate, each column would be computed
    // again in every aggregate that reads it), then summed per group and kind beside the roll-up's rows for the
    // same groups. The tiny result is laid out one row per group.
    const result = (await db.execute(sql`
      with c as (select * from (${live}) u offset 0),
      parts as (
        select key, arr, ${FIGURE_SUMS} from c group by key, arr
        union all
        select ${key} as key, kind = 'arrival' as arr, clocks, judged, met, raw_judged, raw_met, breached, exempt,
               minutes_sum, minutes_count, adjusted_sum, adjusted_count, minutes
          from sla_report_days
         where ${days} and order_type = ${q.type} and ${REPORTED}
      ), g as (
        select key, arr,
               sum(clocks)::int as n, sum(judged)::int as judged, sum(met)::int as met,
               sum(raw_judged)::int as raw_judged, sum(raw_met)::int as raw_met,
               sum(breached)::int as breached, sum(exempt)::int as exempt,
               sum(minutes_sum) / nullif(sum(minutes_count), 0) as avg_min,
               sum(adjusted_sum) / nullif(sum(adjusted_count), 0) as avg_adj_min
          from parts group by key, arr
      ), p as (
        -- Each group's minutes into one array by hashing, then each array sorted alone: grouped directly, the
        -- ordered-set aggregate would sort every minute of the month by the text key first (a third of the time).
        select key, arr, (select percentile_disc(0.9) within group (order by v) from unnest(ms) v) as p90
          from (select key, arr, array_agg(m) as ms from parts, unnest(minutes) m group by key, arr) x
      )
      select key,
        coalesce(sum(n) filter (where arr), 0)::int as orders,
        coalesce(sum(judged) filter (where arr), 0)::int as arrival_judged,
        coalesce(sum(met) filter (where arr), 0)::int as arrival_met,
        coalesce(sum(raw_judged) filter (where arr), 0)::int as arrival_raw_judged,
        coalesce(sum(raw_met) filter (where arr), 0)::int as arrival_raw_met,
        coalesce(sum(breached) filter (where arr), 0)::int as arrival_breached,
        coalesce(sum(judged) filter (where not arr), 0)::int as restoration_judged,
        coalesce(sum(met) filter (where not arr), 0)::int as restoration_met,
        coalesce(sum(raw_judged) filter (where not arr), 0)::int as restoration_raw_judged,
        coalesce(sum(raw_met) filter (where not arr), 0)::int as restoration_raw_met,
        coalesce(sum(breached) filter (where not arr), 0)::int as restoration_breached,
        coalesce(sum(exempt), 0)::int as exempt_clocks,
        max(avg_min) filter (where arr) as avg_arrival_min,
        max(avg_adj_min) filter (where arr) as avg_arrival_adjusted_min,
        max(p90) filter (where arr) as p90_arrival_min,
        max(avg_min) filter (where not arr) as avg_restoration_min,
        max(avg_adj_min) filter (where not arr) as avg_restoration_adjusted_min,
        max(p90) filter (where not arr) as p90_restoration_min
      from g left join p using (key, arr)
      group by key
      order by key
    `)) as unknown as { rows: SlaReportSqlRow[] };
    return result.rows;
  }

  /** The earliest order creation among the reported clocks (null: none). */
  async oldestClock(db: DatabaseOrTransaction): Promise<Date | null> {
    // One index probe per kind (min over an IN list would scan).
    const result = (await db.execute(sql`
      select least((select min(order_created_at) from sla_clocks where kind = 'arrival'),
                   (select min(order_created_at) from sla_clocks where kind = 'restoration')) as at`)) as unknown as {
      rows: { at: string | Date | null }[];
    };
    const at = result.rows[0]?.at;
    return at ? new Date(at) : null;
  }

  /**
   * Rolls up one UTC day (`day`: YYYY-MM-DD) as of `now`, in `tx`: waits for the writers changing that day's clocks
   * (their trigger holds the same lock, shared), then writes its rows and marks it. Not when it is marked already,
   * or when one of its clocks could still change its figures without being written (running, warning or paused
   * with a due time after `now`): that day stays live and is tried again on the next run.
   */
  async rollUpDay(
    tx: DatabaseOrTransaction,
    day: string,
    now: Date,
  ): Promise<'built' | 'done' | 'unsettled'> {
    await tx.execute(sql`select pg_advisory_xact_lock(${ROLLUP_LOCK}, (${day}::date - date '1970-01-01'))`);
    const start = dayStart(day);
    const end = new Date(start.getTime() + DAY);
    const inDay = sql`${REPORTED} and order_created_at >= ${ts(start)} and order_created_at < ${ts(end)}`;
    const state = (await tx.execute(sql`
      select exists (select 1 from sla_report_frozen where day = ${day}::date) as done,
             exists (select 1 from sla_clocks where ${inDay} and stopped_at is null and state <> 'exempt'
                        and (due_at >= ${ts(now)} or raw_due_at >= ${ts(now)})) as unsettled`)) as unknown as {
      rows: { done: boolean; unsettled: boolean }[];
    };
    if (state.rows[0]?.done) return 'done';
    if (state.rows[0]?.unsettled) return 'unsettled';
    await tx.execute(sql`delete from sla_report_days where day = ${day}::date`);
    await tx.execute(sql`
      insert into sla_report_days (day, order_type, kind, zone_class, district, crew_id, clocks, judged, met,
                                   raw_judged, raw_met, breached, exempt, minutes_sum, minutes_count, adjusted_sum,
                                   adjusted_count, minutes)
      select ${day}::date, order_type, kind, zone_class, district, crew_id, ${FIGURE_SUMS}
        from (select order_type, kind, zone_class, district, crew_id, ${clockFigures(now)}
                from sla_clocks where ${inDay} offset 0) c
       group by order_type, kind, zone_class, district, crew_id`);
    await tx.execute(sql`insert into sla_report_frozen (day, built_at) values (${day}::date, ${ts(now)})`);
    return 'built';
  }
}
