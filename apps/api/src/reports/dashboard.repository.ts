import type { TicketType, ZoneClass } from '@gd/domain';
import { Injectable } from '@nestjs/common';
import { type SQL, sql } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../db/client.js';
import { clockAtRisk, clockBreachingWithinHour } from '../sla/sla-clock-row.js';
import { waitingForCrew } from '../tickets/waiting.js';

export interface OrderFilter {
  from: Date;
  to: Date;
  district?: string;
  zoneClass?: ZoneClass;
  crewId?: string;
  agentId?: string;
  type?: TicketType;
}

/** Minutes per bucket of the arrival histogram, and how many buckets before the open-ended last one. */
export const HISTOGRAM_BUCKET_MIN = 10;
export const HISTOGRAM_BUCKETS = 12;

async function rows<T>(db: DatabaseOrTransaction, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/**
 * One report query with JIT compilation off (over a month of orders Postgres otherwise spends seconds compiling:
 * measured 2.9 s of JIT for a 0.4 s aggregate over 82k of 1M orders) and room to sort in memory.
 */
async function report<T>(
  db: DatabaseOrTransaction,
  query: SQL,
  opts: { parallel?: boolean } = {},
): Promise<T[]> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local jit = off`);
    // The grouping-set sorts of a month of orders fit in memory instead of spilling to disk.
    await tx.execute(sql`set local work_mem = '64MB'`);
    // Each parallel worker would build its own copy of the same hash table (the agents report's breached clocks).
    if (opts.parallel === false) await tx.execute(sql`set local max_parallel_workers_per_gather = 0`);
    return rows<T>(tx, query);
  });
}

/** The orders a report covers: created in [from, to) and matching every filter given. Uses tickets_created_at_agent. */
export function orderWhere(f: OrderFilter, alias = sql.raw('t')): SQL {
  const parts: SQL[] = [
    sql`${alias}.created_at >= ${f.from.toISOString()}::timestamptz`,
    sql`${alias}.created_at < ${f.to.toISOString()}::timestamptz`,
  ];
  if (f.district) parts.push(sql`${alias}.district = ${f.district}`);
  if (f.zoneClass) parts.push(sql`${alias}.zone_class = ${f.zoneClass}`);
  if (f.crewId) parts.push(sql`${alias}.crew_id = ${f.crewId}::uuid`);
  if (f.agentId) parts.push(sql`${alias}.first_responder_id = ${f.agentId}::uuid`);
  if (f.type) parts.push(sql`${alias}.type = ${f.type}`);
  return sql.join(parts, sql` and `);
}

/**
 * A clock's copy of its order's creation time is in range exactly when the order is: the redundant condition lets
 * the planner read the clocks of the range through sla_clocks_report instead of scanning every clock.
 */
const clockRange = (f: OrderFilter, alias: string) =>
  sql`${sql.raw(alias)}.order_created_at >= ${f.from.toISOString()}::timestamptz and ${sql.raw(alias)}.order_created_at < ${f.to.toISOString()}::timestamptz`;

/**
 * Survey answers per order: reached surveys with a satisfaction, and how many of them were satisfied or basically
 * satisfied. Attempts come after the order's creation, so `at >= from` keeps the scan to the range (callback_attempts_at_idx).
 */
const surveysCte = (from: Date) => sql`
  select ca.ticket_id,
         count(*) filter (where ca.satisfaction in ('satisfied', 'basically_satisfied'))::int as sat,
         count(*)::int as surveyed
    from callback_attempts ca
    join o on o.id = ca.ticket_id
   where ca.at >= ${from.toISOString()}::timestamptz and ca.reached and ca.satisfaction is not null
   group by ca.ticket_id`;

export interface OverviewGroupRow {
  g_day: number;
  g_district: number;
  g_bucket: number;
  day: string | null;
  district: string | null;
  bucket: number | null;
  orders: number;
  arr_met: number;
  arr_late: number;
  res_met: number;
  res_late: number;
  dispatched: number;
  dispatch_avg: number | null;
  dispatch_p90: number | null;
  urges: number;
  reopened: number;
  completed_ever: number;
  arrived: number;
  manual: number;
  sat: number;
  surveyed: number;
}

export interface AgentRow {
  agent_id: string;
  display_name: string | null;
  first_responded: number;
  closed: number;
  closed_on_time: number;
  repeat_orders: number;
  sat: number;
  surveyed: number;
}

export interface LiveCounts {
  openByStatus: { status: string; zone_class: string | null; count: number }[];
  urgent: {
    ticket_id: string;
    number: string;
    kind: string;
    due_at: Date | string;
    breached: boolean;
    zone_class: string | null;
    district: string | null;
  }[];
  urgentCounts: { breached: number; due_soon: number };
  crews: { status: string; count: number }[];
  callsLastHour: number;
  outages: {
    id: string;
    kind: 'planned' | 'fault';
    description: string;
    estimated_restore_at: Date | string | null;
  }[];
  callbacksDue: number;
  backlog: { waiting: number; oldest: Date | string | null; breaches_next_hour: number };
}

/** Report queries: aggregated in SQL over indexed columns, never loading the orders themselves. */
@Injectable()
export class DashboardRepository {
  /**
   * One pass over the orders in range: totals (the empty grouping set), the daily trend (local day in `tz`), the
   * bars by district and the arrival-time histogram, through GROUPING SETS. A clock still running past its due
   * time at `now` counts as breached, whether or not the escalation scheduler has written the state yet.
   */
  overview(db: DatabaseOrTransaction, f: OrderFilter, tz: string, now: Date) {
    return report<OverviewGroupRow>(db, this.overviewSql(f, tz, now));
  }

  overviewSql(f: OrderFilter, tz: string, now: Date): SQL {
    const minutes = (a: string, b: string) => sql.raw(`extract(epoch from (${a} - ${b})) / 60.0`);
    const at = sql`${now.toISOString()}::timestamptz`;
    const state = (c: string) =>
      sql`case when ${sql.raw(c)}.state in ('running', 'warning') and ${sql.raw(c)}.due_at < ${at} then 'breached' else ${sql.raw(c)}.state end`;
    return sql`
      with o as materialized (
        select t.id, t.district,
               (t.created_at at time zone ${tz})::date as day,
               case when t.arrived_at is null then null
                    else least(floor(${minutes('t.arrived_at', 't.created_at')} / ${HISTOGRAM_BUCKET_MIN}), ${HISTOGRAM_BUCKETS})::int
               end as bucket,
               ${minutes('t.dispatched_at', 't.created_at')} as dispatch_min,
               t.urge_count,
               t.reopen_count > 0 as reopened,
               (t.completed_at is not null or t.closed_at is not null or t.reopen_count > 0) as completed_ever,
               t.arrived_at is not null as arrived,
               (t.arrived_at is not null and t.arrival_manual) as manual,
               ${state('a')} as arr, ${state('r')} as res
          from tickets t
          left join sla_clocks a on a.ticket_id = t.id and a.kind = 'arrival' and ${clockRange(f, 'a')}
          left join sla_clocks r on r.ticket_id = t.id and r.kind = 'restoration' and ${clockRange(f, 'r')}
         where ${orderWhere(f)}
      ), s as (${surveysCte(f.from)}),
      -- An ordered-set aggregate would force every grouping set through a sort: the P90 is computed once, apart.
      p as (select percentile_cont(0.9) within group (order by o.dispatch_min)::float8 as p90 from o)
      select grouping(o.day)::int as g_day, grouping(o.district)::int as g_district, grouping(o.bucket)::int as g_bucket,
             to_char(o.day, 'YYYY-MM-DD') as day, o.district, o.bucket,
             count(*)::int as orders,
             (count(*) filter (where o.arr = 'met'))::int as arr_met,
             (count(*) filter (where o.arr = 'breached'))::int as arr_late,
             (count(*) filter (where o.res = 'met'))::int as res_met,
             (count(*) filter (where o.res = 'breached'))::int as res_late,
             count(o.dispatch_min)::int as dispatched,
             avg(o.dispatch_min)::float8 as dispatch_avg,
             (select p90 from p) as dispatch_p90,
             coalesce(sum(o.urge_count), 0)::int as urges,
             (count(*) filter (where o.reopened))::int as reopened,
             (count(*) filter (where o.completed_ever))::int as completed_ever,
             (count(*) filter (where o.arrived))::int as arrived,
             (count(*) filter (where o.manual))::int as manual,
             coalesce(sum(s.sat), 0)::int as sat,
             coalesce(sum(s.surveyed), 0)::int as surveyed
        from o
        left join s on s.ticket_id = o.id
       group by grouping sets ((o.day), (o.district), (o.bucket), ())`;
  }

  /**
   * Per first responder: orders taken in range, closed, closed with no breached clock, repeat calls, surveys. The
   * orders' columns come from tickets_created_at_agent alone (no order row is read); the closed orders without a
   * breached clock are a hash anti-join against the breached clocks of the range (sla_clocks_breached), counted apart
   * so that no order needs the list of its breaches deduplicated; the names are joined to the few totals.
   */
  agents(db: DatabaseOrTransaction, f: OrderFilter) {
    return report<AgentRow>(
      db,
      sql`
      with o as not materialized (
        select t.id, t.first_responder_id, t.closed_at, t.urge_count
          from tickets t
         where ${orderWhere(f)}
      ), s as (
        select ca.ticket_id,
               count(*) filter (where ca.satisfaction in ('satisfied', 'basically_satisfied'))::int as sat,
               count(*)::int as surveyed
          from callback_attempts ca
         where ca.at >= ${f.from.toISOString()}::timestamptz and ca.reached and ca.satisfaction is not null
         group by ca.ticket_id
      ), a as (
        select o.first_responder_id as agent_id,
               count(*)::int as first_responded,
               (count(*) filter (where o.closed_at is not null))::int as closed,
               (count(*) filter (where o.urge_count > 0))::int as repeat_orders,
               coalesce(sum(s.sat), 0)::int as sat,
               coalesce(sum(s.surveyed), 0)::int as surveyed
          from o
          left join s on s.ticket_id = o.id
         group by o.first_responder_id
      ), on_time as (
        select o.first_responder_id as agent_id, count(*)::int as closed_on_time
          from o
         where o.closed_at is not null
           -- The range alone (the orders' filters are o's): read from sla_clocks_breached.
           and not exists (select 1 from sla_clocks c
                            where c.ticket_id = o.id and c.state = 'breached' and ${clockRange(f, 'c')})
         group by o.first_responder_id
      )
      select a.agent_id, st.display_name, a.first_responded, a.closed,
             coalesce(ot.closed_on_time, 0)::int as closed_on_time, a.repeat_orders, a.sat, a.surveyed
        from a
        left join on_time ot on ot.agent_id is not distinct from a.agent_id
        left join staff st on st.id = a.agent_id
       order by a.first_responded desc, a.agent_id`,
      { parallel: false },
    );
  }

  async live(db: DatabaseOrTransaction, now: Date): Promise<LiveCounts> {
    const at = sql`${now.toISOString()}::timestamptz`;
    // Running clocks of live orders that are breached or in their warning (a new urban order's 30-minute arrival
    // clock is not "about to breach" the moment it starts).
    const urgentWhere = sql`c.kind in ('arrival', 'restoration', 'response', 'resolution') and ${clockAtRisk('c', at)}`;
    const [open, urgent, urgentCounts, crews, callsLastHour, outages, callbacksDue, waiting, forecast] =
      await Promise.all([
        rows<LiveCounts['openByStatus'][number]>(
          db,
          sql`select status, zone_class, count(*)::int as count from tickets
             where status not in ('completed', 'closed', 'cancelled', 'merged')
             group by status, zone_class order by status, zone_class`,
        ),
        rows<LiveCounts['urgent'][number]>(
          db,
          sql`select c.ticket_id, t.number, c.kind, c.due_at, (c.due_at <= ${at}) as breached, t.zone_class, t.district
              from sla_clocks c join tickets t on t.id = c.ticket_id
             where ${urgentWhere}
             order by c.due_at, c.ticket_id limit 20`,
        ),
        rows<LiveCounts['urgentCounts']>(
          db,
          sql`select (count(*) filter (where c.due_at <= ${at}))::int as breached,
                   (count(*) filter (where c.due_at > ${at}))::int as due_soon
              from sla_clocks c where ${urgentWhere}`,
        ),
        rows<LiveCounts['crews'][number]>(
          db,
          sql`select status, count(*)::int as count from crews group by status order by status`,
        ),
        rows<{ n: number }>(
          db,
          sql`select count(*)::int as n from calls
             where started_at >= ${new Date(now.getTime() - 3_600_000).toISOString()}::timestamptz and started_at <= ${at}`,
        ),
        rows<LiveCounts['outages'][number]>(
          db,
          sql`select id, kind, description, estimated_restore_at from outages
             where status = 'active' and starts_at <= ${at} order by starts_at desc limit 50`,
        ),
        rows<{ n: number }>(db, sql`select count(*)::int as n from callbacks where status = 'due'`),
        rows<{ n: number; oldest: Date | string | null }>(
          db,
          sql`select count(*)::int as n, min(t.created_at) as oldest from tickets t where ${waitingForCrew('t')}`,
        ),
        // Orders (not clocks: an order with both clocks due counts once) of which a clock is forecast to breach.
        rows<{ n: number }>(
          db,
          sql`select count(distinct c.ticket_id)::int as n from sla_clocks c
             where ${clockBreachingWithinHour('c', now)}`,
        ),
      ]);
    return {
      openByStatus: open,
      urgent,
      urgentCounts: urgentCounts[0] ?? { breached: 0, due_soon: 0 },
      crews,
      callsLastHour: callsLastHour[0]?.n ?? 0,
      outages,
      callbacksDue: callbacksDue[0]?.n ?? 0,
      backlog: {
        waiting: waiting[0]?.n ?? 0,
        oldest: waiting[0]?.oldest ?? null,
        breaches_next_hour: forecast[0]?.n ?? 0,
      },
    };
  }
}
