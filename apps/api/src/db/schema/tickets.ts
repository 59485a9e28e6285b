import type { CrewReport, TimelineKind } from '@gd/domain';
import { CLOCK_KINDS, ZONE_CLASSES } from '@gd/domain';
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgSequence,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { at, createdAt, lat, lng } from './_columns.js';

/** Work orders (工单). Never deleted: cancelled and merged are statuses. */
export const tickets = pgTable(
  'tickets',
  {
    id: uuid().primaryKey().defaultRandom(),
    number: text().notNull().unique(),
    type: text().notNull(),
    subKind: text(),
    status: text().notNull(),
    priority: text().notNull().default('normal'),
    description: text().notNull(),
    customerId: uuid(),
    address: text(),
    lat: lat(),
    lng: lng(),
    zoneId: text(),
    zoneClass: text({ enum: ZONE_CLASSES }),
    district: text(),
    /** 首问责任人: set once at creation, never changed. */
    firstResponderId: uuid().notNull(),
    ownerId: uuid().notNull(),
    crewId: uuid(),
    outageId: uuid(),
    parentId: uuid(),
    urgeCount: integer().notNull().default(0),
    reopenCount: integer().notNull().default(0),
    requiredSkills: text().array().notNull().default(sql`'{}'::text[]`),
    sensitive: boolean().notNull().default(false),
    report: jsonb().$type<CrewReport>(),
    resolution: text(),
    createdAt: createdAt(),
    dispatchedAt: at(),
    acknowledgedAt: at(),
    enRouteAt: at(),
    arrivedAt: at(),
    arrivalManual: boolean().notNull().default(false),
    /**
     * An arrival typed in by hand that reports should not take on trust: `no_recent_fix` (the crew had no GPS fix
     * in the last 10 minutes) or `by_dispatcher` (a dispatcher recorded it for the crew, with a reason).
     */
    arrivalFlag: text({ enum: ['no_recent_fix', 'by_dispatcher'] }),
    restoredAt: at(),
    completedAt: at(),
    closedAt: at(),
    updatedAt: createdAt(),
    /**
     * Due time of the order's running clock closest to breach (not stopped, paused or exempt); null when none runs.
     * What the queues sort by. Written with a new order; kept by triggers on sla_clocks afterwards (migration 0013).
     */
    nextDueAt: at(),
  },
  (t) => [
    index().on(t.status, t.createdAt),
    index().on(t.firstResponderId, t.status),
    index().on(t.ownerId, t.status),
    index().on(t.crewId, t.status),
    index().on(t.customerId, t.status),
    index().on(t.parentId),
    index().on(t.outageId),
    // Orders by creation time; the agents report reads its columns from this index alone (no order row fetched).
    index('tickets_created_at_agent').on(t.createdAt, t.firstResponderId, t.closedAt, t.urgeCount, t.id),
    index().on(t.district, t.createdAt),
    // The queues' order (TicketsRepository.list): closest to breach first, then newest.
    index('tickets_next_due').on(
      t.nextDueAt.asc().nullsLast(),
      t.createdAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
  ],
);

/**
 * The order numbers' counter: one sequence for every order (nextval takes no row lock, so creators never queue
 * behind each other); an order's number within its day is its value minus the day's `base` (ticketSequences).
 */
export const ticketNumbers = pgSequence('ticket_numbers');

/**
 * One row per local day: `base` is the counter's value just before the day's first number. `last` is the day's
 * count under the former scheme (a locked per-day counter), so a day that began under it continues after it.
 */
export const ticketSequences = pgTable('ticket_sequences', {
  day: date().primaryKey(),
  last: integer().notNull(),
  base: bigint({ mode: 'number' }),
});

/** Append-only story of an order: every status change, urge, handoff, dispatch, SLA warning. */
export const ticketEvents = pgTable(
  'ticket_events',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    ticketId: uuid().notNull(),
    at: at().notNull().defaultNow(),
    actorId: uuid(),
    kind: text().$type<TimelineKind>().notNull(),
    data: jsonb().$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index().on(t.ticketId, t.at)],
);

/**
 * One row per SLA clock of an order. `clock` holds the packages/sla value; the other columns are what queries,
 * reports and the escalation scheduler need indexed.
 */
export const slaClocks = pgTable(
  'sla_clocks',
  {
    ticketId: uuid().notNull(),
    kind: text({ enum: CLOCK_KINDS }).notNull(),
    clock: jsonb().$type<Record<string, unknown>>().notNull(),
    state: text().notNull(),
    startedAt: at().notNull(),
    dueAt: at().notNull(),
    rawDueAt: at().notNull(),
    warningAt: at(),
    stoppedAt: at(),
    breachedAt: at(),
    pausedMs: doublePrecision().notNull().default(0),
    /** When the escalation scheduler next has to look at this clock; null once nothing more can fire. */
    nextCheckAt: at(),
    warnedAt: at(),
    breachNotifiedAt: at(),
    /**
     * Copied from the order so the SLA report reads this table alone (no join over a month of orders):
     * creation time, type, zone class and district, and the crew that stopped the clock (set when it stops).
     */
    orderCreatedAt: at(),
    orderType: text(),
    zoneClass: text({ enum: ZONE_CLASSES }),
    district: text(),
    crewId: uuid(),
  },
  (t) => [
    primaryKey({ columns: [t.ticketId, t.kind] }),
    index('sla_clocks_next_check').on(t.nextCheckAt).where(sql`${t.nextCheckAt} is not null`),
    index().on(t.kind, t.stoppedAt),
    // The agents report: the orders of a range with a breached clock, read from this small index alone.
    index('sla_clocks_breached').on(t.orderCreatedAt, t.ticketId).where(sql`${t.state} = 'breached'`),
    // Covers /api/reports/sla: a range of order creation per kind, every group key and figure in the index.
    index('sla_clocks_report').on(
      t.kind,
      t.orderCreatedAt,
      t.orderType,
      t.zoneClass,
      t.district,
      t.crewId,
      t.state,
      t.startedAt,
      t.stoppedAt,
      t.rawDueAt,
      t.pausedMs,
      // A running clock past its due time counts as breached before the scheduler writes the state.
      t.dueAt,
    ),
  ],
);

/** Idempotency keys for order creation: the same key from the same user returns the first order. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    userId: uuid().notNull(),
    key: text().notNull(),
    ticketId: uuid().notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] })],
);

/** Crew assignments: who or what assigned which crew, the ETA promised and why; reassignment keeps history. */
export const assignments = pgTable(
  'assignments',
  {
    id: uuid().primaryKey().defaultRandom(),
    ticketId: uuid().notNull(),
    crewId: uuid().notNull(),
    assignedBy: uuid(),
    mode: text({ enum: ['manual', 'auto'] }).notNull(),
    etaMinutes: doublePrecision(),
    distanceKm: doublePrecision(),
    reason: text(),
    assignedAt: createdAt(),
    releasedAt: at(),
    arrivedAt: at(),
    arrivalManual: boolean().notNull().default(false),
  },
  (t) => [
    index().on(t.ticketId),
    uniqueIndex('assignments_active_crew').on(t.crewId).where(sql`${t.releasedAt} is null`),
  ],
);
