import { type Clock, evaluateClock, warningAt } from '@gd/sla';
import { type SQL, sql } from 'drizzle-orm';
import type { slaClocks, tickets } from '../db/schema/index.js';
import { firstCheckAt } from './sla-schedule.js';

type TicketRow = typeof tickets.$inferSelect;
export type ClockRowFields = Omit<typeof slaClocks.$inferInsert, 'ticketId' | 'kind'>;

/** Wall milliseconds spent in pauses up to the stop (or `nowMs` while the clock runs). */
export function pausedMs(clock: Clock, nowMs: number): number {
  const end = clock.stoppedAt ? Date.parse(clock.stoppedAt) : nowMs;
  return clock.pauses.reduce(
    (sum, p) => sum + Math.max(0, Math.min(p.to ? Date.parse(p.to) : end, end) - Date.parse(p.from)),
    0,
  );
}

/**
 * The columns stored beside a clock: what queries, the report and the escalation scheduler read. `due_at` is
 * the adjusted due time (the raw one while a pause is open: nothing can breach then, `next_check_at` is null
 * until the resume). The crew is the order's crew at the time the clock is written (so a stopped arrival
 * clock names the crew that arrived).
 */
export function clockRowFields(clock: Clock, ticket: TicketRow, nowMs: number = Date.now()): ClockRowFields {
  const judgedAt = clock.stoppedAt ?? (clock.exempt ? clock.exempt.at : nowMs);
  const warnAt = warningAt(clock);
  return {
    clock: clock as unknown as Record<string, unknown>,
    state: clock.exempt ? 'exempt' : evaluateClock(clock, judgedAt).state,
    startedAt: new Date(clock.startedAt),
    dueAt: new Date(clock.dueAt ?? clock.rawDueAt),
    rawDueAt: new Date(clock.rawDueAt),
    warningAt: warnAt ? new Date(warnAt) : null,
    stoppedAt: clock.stoppedAt ? new Date(clock.stoppedAt) : null,
    breachedAt: clock.breachedAt ? new Date(clock.breachedAt) : null,
    pausedMs: pausedMs(clock, nowMs),
    nextCheckAt: firstCheckAt(clock, nowMs),
    orderCreatedAt: ticket.createdAt,
    orderType: ticket.type,
    zoneClass: ticket.zoneClass,
    district: ticket.district,
    crewId: ticket.crewId,
  };
}

/**
 * A clock that needs someone now, as of `at`: running (not stopped, paused or exempt) and in its warning (past its
 * warning time, or its due time when it has none). The one rule behind the "breaching soon" queue and the
 * dashboard's breaching tiles; `alias` names the sla_clocks row in the query.
 */
export function clockAtRisk(alias: string, at: SQL): SQL {
  const c = sql.raw(alias);
  return sql`${c}.stopped_at is null and ${c}.state not in ('exempt', 'paused')
    and (${c}.state = 'warning' or coalesce(${c}.warning_at, ${c}.due_at) <= ${at})`;
}

/** How far ahead the dashboard forecasts breaches. */
export const FORECAST_MS = 60 * 60_000;

/**
 * A clock forecast to breach within the next hour, as of `at`: still running (its milestone not reached: for arrival,
 * no crew on site; for restoration, power not restored; not paused or exempt) and due after `at` but no later than
 * `at` + FORECAST_MS. Already breached clocks are not a forecast (they are counted as breached). The rule behind
 * the dashboard's "breaches in the next hour" tile; `alias` names the sla_clocks row in the query.
 */
export function clockBreachingWithinHour(alias: string, at: Date): SQL {
  const c = sql.raw(alias);
  const from = sql`${at.toISOString()}::timestamptz`;
  const to = sql`${new Date(at.getTime() + FORECAST_MS).toISOString()}::timestamptz`;
  return sql`${c}.stopped_at is null and ${c}.state not in ('exempt', 'paused', 'met')
    and ${c}.due_at > ${from} and ${c}.due_at <= ${to}`;
}
