import { readFileSync } from 'node:fs';
import type { Clock as ApiClock, ClockKind, TicketSla } from '@gd/domain';
import {
  type Clock,
  type ClockDefinition,
  clocksFor,
  DEFAULT_POLICY,
  evaluateClock,
  exemptClock,
  parsePolicy,
  type ServiceRequestKind,
  type SlaPolicy,
  startClock,
  stopClock,
  type WorkOrderType,
  warningAt,
} from '@gd/sla';
import { Injectable } from '@nestjs/common';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Config } from '../config.js';
import { InjectConfig } from '../config.module.js';
import type { DatabaseHandle, DatabaseOrTransaction } from '../db/client.js';
import { InjectDatabase } from '../db/database.module.js';
import { slaClocks, type tickets } from '../db/schema/index.js';
import { resolveFromUser } from '../paths.js';

type TicketRow = typeof tickets.$inferSelect;
type ClockRow = typeof slaClocks.$inferSelect;

/**
 * What happened to an order, as far as its clocks care: `on_site` stops arrival (and starts clocks counted from
 * arrival), `restored` stops restoration, `in_progress` / `contacted` stop response, `completed` stops resolution
 * and whatever still runs. `cancelled` and `merged` exempt the running clocks (the order is no longer served on
 * its own).
 */
export type SlaMilestone =
  | 'on_site'
  | 'restored'
  | 'in_progress'
  | 'contacted'
  | 'completed'
  | 'cancelled'
  | 'merged';

const STOPS: Record<SlaMilestone, readonly ClockKind[] | 'all'> = {
  on_site: ['arrival'],
  restored: ['arrival', 'restoration'],
  in_progress: ['response'],
  contacted: ['response'],
  completed: 'all',
  cancelled: 'all',
  merged: 'all',
};

/**
 * The SLA clocks of orders, stored one row per clock in `sla_clocks` (the @gd/sla value in `clock`, the columns
 * that queries need beside it). Rules come from @gd/sla; this service only applies them and persists.
 */
@Injectable()
export class SlaClockService {
  readonly policy: SlaPolicy;

  constructor(
    @InjectConfig() config: Config,
    @InjectDatabase() private readonly database: DatabaseHandle,
  ) {
    this.policy = config.SLA_POLICY_FILE
      ? parsePolicy(JSON.parse(readFileSync(resolveFromUser(config.SLA_POLICY_FILE), 'utf8')))
      : DEFAULT_POLICY;
  }

  /** The policy's clock definitions for an order. */
  definitionsFor(ticket: TicketRow): ClockDefinition[] {
    // Without a location the zone class is unknown: only repair clocks depend on it.
    if (!ticket.zoneClass && ticket.type === 'fault_repair') return [];
    return this.query(ticket, ticket.zoneClass ?? 'urban');
  }

  private query(ticket: TicketRow, zoneClass: 'urban' | 'rural' | 'remote') {
    return clocksFor(this.policy, {
      type: ticket.type as WorkOrderType,
      subKind: (ticket.subKind as ServiceRequestKind | null) ?? null,
      zoneClass,
      priority: ticket.priority as 'urgent' | 'high' | 'normal' | 'low',
    });
  }

  /** Starts the clocks counted from acceptance (at the order's creation time). */
  async startClocks(
    tx: DatabaseOrTransaction,
    ticket: TicketRow,
    at: Date = ticket.createdAt,
  ): Promise<void> {
    const defs = this.definitionsFor(ticket).filter((d) => d.startsFrom === 'accepted');
    if (defs.length === 0) return;
    await tx
      .insert(slaClocks)
      .values(defs.map((d) => toRow(ticket, startClock(d, at))))
      .onConflictDoNothing();
  }

  /** Exempts one running clock with a reason (e.g. a child order whose crew is the master's). */
  async exempt(tx: DatabaseOrTransaction, ticket: TicketRow, kind: ClockKind, reason: string, at: Date) {
    const [row] = await tx
      .select()
      .from(slaClocks)
      .where(and(eq(slaClocks.ticketId, ticket.id), eq(slaClocks.kind, kind)))
      .for('update');
    if (!row || (row.clock as unknown as Clock).exempt) return;
    await this.save(tx, ticket, exemptClock(row.clock as unknown as Clock, reason, at));
  }

  /** Stops (or exempts) the clocks a milestone ends; on arrival, starts the clocks counted from arrival. */
  async onMilestone(tx: DatabaseOrTransaction, ticket: TicketRow, milestone: SlaMilestone, at: Date) {
    const rows = await tx
      .select()
      .from(slaClocks)
      .where(and(eq(slaClocks.ticketId, ticket.id), isNull(slaClocks.stoppedAt)))
      .for('update');
    const stops = STOPS[milestone];
    for (const row of rows) {
      const clock = row.clock as unknown as Clock;
      if (clock.exempt || clock.stoppedAt) continue;
      if (stops !== 'all' && !stops.includes(row.kind)) continue;
      const atOrStart = new Date(Math.max(at.getTime(), Date.parse(clock.startedAt)));
      const next =
        milestone === 'cancelled' || milestone === 'merged'
          ? exemptClock(clock, `order ${milestone}`, atOrStart)
          : stopClock(clock, atOrStart);
      await this.save(tx, ticket, next);
    }
    if (milestone === 'on_site') {
      const fromArrival = this.definitionsFor(ticket).filter((d) => d.startsFrom === 'arrival');
      if (fromArrival.length) {
        await tx
          .insert(slaClocks)
          .values(fromArrival.map((d) => toRow(ticket, startClock(d, at))))
          .onConflictDoNothing();
      }
    }
  }

  /** Clocks of many orders in one query, in the API shape. */
  async slaFor(
    ticketIds: readonly string[],
    opts: { db?: DatabaseOrTransaction; now?: Date } = {},
  ): Promise<Map<string, TicketSla>> {
    const out = new Map<string, TicketSla>(ticketIds.map((id) => [id, {}]));
    if (ticketIds.length === 0) return out;
    const db = opts.db ?? this.database.db;
    const now = opts.now ?? new Date();
    const rows = await db
      .select()
      .from(slaClocks)
      .where(inArray(slaClocks.ticketId, [...new Set(ticketIds)]));
    for (const row of rows) {
      const sla = out.get(row.ticketId);
      if (sla) sla[row.kind] = toApiClock(row, now);
    }
    return out;
  }

  private async save(tx: DatabaseOrTransaction, ticket: TicketRow, clock: Clock) {
    const { ticketId: _t, kind: _k, ...fields } = toRow(ticket, clock);
    await tx
      .update(slaClocks)
      .set(fields)
      .where(and(eq(slaClocks.ticketId, ticket.id), eq(slaClocks.kind, clock.kind)));
  }
}

function toRow(ticket: TicketRow, clock: Clock): typeof slaClocks.$inferInsert {
  const now = Date.now();
  const evaluation = evaluateClock(clock, clock.stoppedAt ?? (clock.exempt ? clock.exempt.at : now));
  const warnAt = warningAt(clock);
  const finished = clock.stoppedAt !== null || clock.exempt !== null;
  const dueAt = clock.dueAt ?? clock.rawDueAt;
  return {
    ticketId: ticket.id,
    kind: clock.kind,
    orderCreatedAt: ticket.createdAt,
    orderType: ticket.type,
    zoneClass: ticket.zoneClass,
    district: ticket.district,
    crewId: ticket.crewId,
    clock: clock as unknown as Record<string, unknown>,
    state: clock.exempt ? 'exempt' : evaluation.state,
    startedAt: new Date(clock.startedAt),
    dueAt: new Date(dueAt),
    rawDueAt: new Date(clock.rawDueAt),
    warningAt: warnAt ? new Date(warnAt) : null,
    stoppedAt: clock.stoppedAt ? new Date(clock.stoppedAt) : null,
    breachedAt: clock.breachedAt ? new Date(clock.breachedAt) : null,
    pausedMs: pausedMs(clock, now),
    // The escalation scheduler looks again at the warning start, then at the due instant.
    nextCheckAt: finished ? null : warnAt && Date.parse(warnAt) > now ? new Date(warnAt) : new Date(dueAt),
  };
}

function pausedMs(clock: Clock, now: number): number {
  const end = clock.stoppedAt ? Date.parse(clock.stoppedAt) : now;
  return clock.pauses.reduce(
    (sum, p) => sum + Math.max(0, Math.min(p.to ? Date.parse(p.to) : end, end) - Date.parse(p.from)),
    0,
  );
}

/** The API `Clock` of a stored clock as of `now`. */
export function toApiClock(row: ClockRow, now: Date): ApiClock {
  const clock = row.clock as unknown as Clock;
  const evaluation = evaluateClock(clock, now);
  const dueAt = clock.dueAt ?? row.dueAt.toISOString();
  const open = clock.pauses.find((p) => p.to === null);
  return {
    dueAt,
    state: evaluation.state,
    startedAt: clock.startedAt,
    stoppedAt: clock.stoppedAt,
    pausedMs: pausedMs(clock, now.getTime()),
    breachedAt: evaluation.state === 'breached' ? (clock.breachedAt ?? dueAt) : null,
    calendar: clock.calendar,
    warningAt: row.warningAt ? row.warningAt.toISOString() : null,
    pausedAt: open ? open.from : null,
    pauseReason: open ? open.reason : null,
  };
}
