import {
  type Clock as ApiClock,
  CLOCK_MILESTONES,
  type ClockKind,
  type TicketSla,
  type TicketStatus,
} from '@gd/domain';
import {
  applyEmergency,
  type Clock,
  type ClockDefinition,
  clocksFor,
  DEFAULT_THRESHOLDS,
  evaluateClock,
  exemptClock,
  type ServiceRequestKind,
  type SlaPolicy,
  startClock,
  stopClock,
  type WarningThresholds,
  type WorkOrderType,
} from '@gd/sla';
import { Injectable } from '@nestjs/common';
import type { DatabaseHandle, DatabaseOrTransaction, Transaction } from '../db/client.js';
import { InjectDatabase } from '../db/database.module.js';
import type { slaClocks, tickets } from '../db/schema/index.js';
import { RealtimeService } from '../realtime/realtime.service.js';
import { SharedCache } from '../realtime/shared-cache.js';
import { EmergenciesRepository, type EmergencyRow } from './emergencies.repository.js';
import { clockRowFields, pausedMs } from './sla-clock-row.js';
import { SlaClocksRepository } from './sla-clocks.repository.js';
import { InjectSlaPolicy } from './sla-policy.js';

type TicketRow = typeof tickets.$inferSelect;
type ClockRow = typeof slaClocks.$inferSelect;
export type NewClockRow = typeof slaClocks.$inferInsert;

/**
 * The SLA clocks of orders, stored one row per clock in `sla_clocks` (the @gd/sla value in `clock`, the columns
 * that queries need beside it). Rules come from @gd/sla; this service only applies them and persists.
 */
@Injectable()
export class SlaClockService {
  constructor(
    /** Loaded and checked once at start (SlaModule.register → loadSlaPolicy). */
    @InjectSlaPolicy() readonly policy: SlaPolicy,
    @InjectDatabase() private readonly database: DatabaseHandle,
    private readonly repo: SlaClocksRepository,
    emergencies: EmergenciesRepository,
    realtime: RealtimeService,
  ) {
    // Every new order's clocks start under the area emergencies of its zone: held per node, dropped when one is
    // declared (emergenciesChanged).
    this.emergenciesInForce = new SharedCache(
      'sla-emergencies',
      10_000,
      (db) => emergencies.notOverAt(db, new Date()),
      realtime,
    );
  }

  private readonly emergenciesInForce: SharedCache<EmergencyRow[]>;

  /** After an emergency is declared (committed): every node reads them again. */
  emergenciesChanged(): void {
    this.emergenciesInForce.invalidate();
  }

  /** The policy in force and the warning thresholds, for the apps' display (`GET /api/sla/policy`). */
  describePolicy(): { policy: SlaPolicy; thresholds: WarningThresholds } {
    return { policy: this.policy, thresholds: DEFAULT_THRESHOLDS };
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

  /**
   * Starts the clocks counted from acceptance inside a transaction (orders written outside the one-statement
   * intake, such as bulk loads), under the area emergencies already declared for the order's zone.
   */
  async startClocks(
    tx: DatabaseOrTransaction,
    ticket: TicketRow,
    at: Date = ticket.createdAt,
  ): Promise<void> {
    await this.insertStarted(tx, ticket, 'accepted', at);
  }

  /**
   * The rows of the clocks a new order starts with (counted from acceptance, under the emergencies declared for its
   * zone; `exempt` exempts one kind at once), for the caller to insert with the order in one statement. Reads the
   * zone's emergencies only (one query, none without a zone or a clock).
   */
  async initialClockRows(
    ticket: TicketRow,
    at: Date,
    exempt?: { kind: ClockKind; reason: string },
  ): Promise<NewClockRow[]> {
    const clocks = await this.startedClocks(this.database.db, ticket, 'accepted', at);
    return clocks.map((c) =>
      toRow(ticket, exempt && c.kind === exempt.kind ? exemptClock(c, exempt.reason, at) : c),
    );
  }

  private async startedClocks(
    db: DatabaseOrTransaction,
    ticket: TicketRow,
    startsFrom: ClockDefinition['startsFrom'],
    at: Date,
  ): Promise<Clock[]> {
    const defs = this.definitionsFor(ticket).filter((d) => d.startsFrom === startsFrom);
    if (defs.length === 0) return [];
    return this.underEmergencies(
      db,
      ticket,
      defs.map((d) => startClock(d, at)),
    );
  }

  private async insertStarted(
    tx: DatabaseOrTransaction,
    ticket: TicketRow,
    startsFrom: ClockDefinition['startsFrom'],
    at: Date,
  ) {
    const clocks = await this.startedClocks(tx, ticket, startsFrom, at);
    if (clocks.length > 0)
      await this.repo.insertNew(
        tx,
        clocks.map((c) => toRow(ticket, c)),
      );
  }

  /** Applies the emergencies declared for the order's zone that are not over when the clocks start. */
  private async underEmergencies(db: DatabaseOrTransaction, ticket: TicketRow, clocks: Clock[]) {
    const zoneId = ticket.zoneId;
    if (!zoneId || clocks.length === 0) return clocks;
    const from = Math.min(...clocks.map((c) => Date.parse(c.startedAt)));
    const declared = (await this.emergenciesInForce.get(db)).filter(
      (e) => e.zoneIds.includes(zoneId) && e.endsAt.getTime() > from,
    );
    return clocks.map((clock) =>
      declared.reduce((c, e) => applyEmergency(c, { from: e.startsAt, to: e.endsAt, mode: e.mode }), clock),
    );
  }

  /**
   * Stops (or exempts) the clocks the order's new status ends (CLOCK_MILESTONES in @gd/domain); on arrival, starts
   * the clocks counted from arrival. A status that touches no clock is a no-op.
   */
  async onMilestone(tx: DatabaseOrTransaction, ticket: TicketRow, status: TicketStatus, at: Date) {
    const milestone = CLOCK_MILESTONES[status];
    if (!milestone) return;
    const rows = await this.repo.lockRunning(tx, ticket.id);
    const stops = milestone.stops;
    for (const row of rows) {
      const clock = row.clock as unknown as Clock;
      if (stops !== 'all' && !stops.includes(row.kind)) continue;
      if (clock.exempt && !clock.stoppedAt && milestone.rawStop === row.kind) {
        // An exempt clock is not judged, but the raw report still wants when the work was really done.
        await this.repo.stampRawStop(tx, ticket.id, row.kind, at, ticket.crewId);
        continue;
      }
      if (clock.exempt || clock.stoppedAt) continue;
      const atOrStart = new Date(Math.max(at.getTime(), Date.parse(clock.startedAt)));
      const next = milestone.exempts
        ? exemptClock(clock, `order ${status}`, atOrStart)
        : stopClock(clock, atOrStart);
      await this.repo.save(tx, ticket, next);
    }
    // Clocks counted from arrival (State Grid 2023: restoration) start when the crew is on site.
    if (status === 'on_site') await this.insertStarted(tx, ticket, 'arrival', at);
  }

  /** One clock of an order, locked until the transaction ends (a pause or resume by hand). */
  lockClock(tx: Transaction, ticketId: string, kind: ClockKind) {
    return this.repo.lock(tx, ticketId, kind);
  }

  /** Writes a clock changed by hand (pause, resume) with the columns derived from it. */
  saveClock(tx: DatabaseOrTransaction, ticket: TicketRow, clock: Clock, nowMs: number) {
    return this.repo.save(tx, ticket, clock, nowMs);
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
    const rows = await this.repo.ofTickets(db, [...new Set(ticketIds)]);
    for (const row of rows) {
      const sla = out.get(row.ticketId);
      if (sla) sla[row.kind] = toApiClock(row, now);
    }
    return out;
  }
}

/** The stored row of a clock: the @gd/sla value and the columns beside it (see clockRowFields). */
function toRow(ticket: TicketRow, clock: Clock): NewClockRow {
  return { ticketId: ticket.id, kind: clock.kind, ...clockRowFields(clock, ticket) };
}

/** The API shape of the clocks of one order, from their rows (stored or about to be), as of `now`. */
export function toTicketSla(
  rows: readonly Pick<NewClockRow, 'kind' | 'clock' | 'dueAt' | 'warningAt'>[],
  now: Date,
) {
  const sla: TicketSla = {};
  for (const row of rows) sla[row.kind] = toApiClock(row, now);
  return sla;
}

/** The API `Clock` of a stored clock as of `now`. */
export function toApiClock(
  row: Pick<ClockRow, 'clock' | 'dueAt'> & { warningAt?: Date | null },
  now: Date,
): ApiClock {
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
