import { FINAL_STATUSES, type TicketStatus } from '@gd/domain';
import { Injectable } from '@nestjs/common';
import { and, asc, count, desc, eq, gte, inArray, isNull, notInArray, or, type SQL, sql } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../db/client.js';
import {
  assignments,
  calls,
  crews,
  idempotencyKeys,
  slaClocks,
  ticketEvents,
  ticketSequences,
  tickets,
} from '../db/schema/index.js';

export type TicketRow = typeof tickets.$inferSelect;
export type NewTicket = typeof tickets.$inferInsert;
export type TicketEventRow = typeof ticketEvents.$inferSelect;

/** Statuses in which an order still waits for someone (completed waits only for the callback). */
const NOT_OPEN: TicketStatus[] = [...FINAL_STATUSES, 'completed'];

export interface TicketFilter {
  status?: TicketStatus[];
  type?: string[];
  firstResponderId?: string;
  ownerId?: string;
  crewId?: string;
  customerId?: string;
  zoneClass?: string;
  district?: string;
  breaching?: boolean;
  open?: boolean;
  parentId?: string;
  page: number;
  pageSize: number;
}

/** The due time of the order's running clock closest to breach (null when none runs). */
const nearestDue = sql`(select min(${slaClocks.dueAt}) from ${slaClocks}
  where ${slaClocks.ticketId} = ${tickets.id} and ${slaClocks.stoppedAt} is null
  and ${slaClocks.state} not in ('exempt', 'paused'))`;

@Injectable()
export class TicketsRepository {
  findById(db: DatabaseOrTransaction, id: string) {
    return db.query.tickets.findFirst({ where: eq(tickets.id, id) });
  }

  /** Reads the order and locks it until the transaction ends (every change goes through this). */
  async lock(db: DatabaseOrTransaction, id: string) {
    const [row] = await db.select().from(tickets).where(eq(tickets.id, id)).for('update');
    return row;
  }

  async insert(db: DatabaseOrTransaction, row: NewTicket) {
    const [created] = await db.insert(tickets).values(row).returning();
    return created!;
  }

  async update(db: DatabaseOrTransaction, id: string, patch: Partial<NewTicket>) {
    const [row] = await db
      .update(tickets)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(tickets.id, id))
      .returning();
    return row!;
  }

  /** Next number of the local day; the row lock on the day serialises concurrent creators. */
  async nextSequence(db: DatabaseOrTransaction, day: string): Promise<number> {
    const [row] = await db
      .insert(ticketSequences)
      .values({ day, last: 1 })
      .onConflictDoUpdate({ target: ticketSequences.day, set: { last: sql`${ticketSequences.last} + 1` } })
      .returning({ last: ticketSequences.last });
    return row!.last;
  }

  /**
   * Claims an idempotency key for a new order. Concurrent claims of one key wait on the primary key until the first
   * transaction ends; only one inserts. Returns false when the key was already taken.
   */
  async claimIdempotencyKey(db: DatabaseOrTransaction, userId: string, key: string, ticketId: string) {
    const rows = await db
      .insert(idempotencyKeys)
      .values({ userId, key, ticketId })
      .onConflictDoNothing()
      .returning({ ticketId: idempotencyKeys.ticketId });
    return rows.length === 1;
  }

  async idempotentTicketId(db: DatabaseOrTransaction, userId: string, key: string) {
    const row = await db.query.idempotencyKeys.findFirst({
      where: and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)),
    });
    return row?.ticketId;
  }

  async addEvent(
    db: DatabaseOrTransaction,
    e: { ticketId: string; actorId: string | null; kind: string; data?: Record<string, unknown>; at?: Date },
  ) {
    await db.insert(ticketEvents).values({ ...e, data: e.data ?? {}, at: e.at ?? new Date() });
  }

  timeline(db: DatabaseOrTransaction, ticketId: string) {
    return db
      .select()
      .from(ticketEvents)
      .where(eq(ticketEvents.ticketId, ticketId))
      .orderBy(asc(ticketEvents.at), asc(ticketEvents.id));
  }

  async list(db: DatabaseOrTransaction, f: TicketFilter) {
    const where = and(
      f.status?.length ? inArray(tickets.status, f.status) : undefined,
      f.type?.length ? inArray(tickets.type, f.type) : undefined,
      f.firstResponderId ? eq(tickets.firstResponderId, f.firstResponderId) : undefined,
      f.ownerId ? eq(tickets.ownerId, f.ownerId) : undefined,
      f.crewId ? eq(tickets.crewId, f.crewId) : undefined,
      f.customerId ? eq(tickets.customerId, f.customerId) : undefined,
      f.zoneClass ? eq(tickets.zoneClass, f.zoneClass as 'urban') : undefined,
      f.district ? eq(tickets.district, f.district) : undefined,
      f.parentId ? eq(tickets.parentId, f.parentId) : undefined,
      f.open ? notInArray(tickets.status, NOT_OPEN) : undefined,
      f.breaching
        ? sql`exists (select 1 from ${slaClocks} where ${slaClocks.ticketId} = ${tickets.id}
            and ${slaClocks.stoppedAt} is null and ${slaClocks.state} not in ('exempt', 'paused')
            and coalesce(${slaClocks.warningAt}, ${slaClocks.dueAt}) <= now())`
        : undefined,
    );
    const [items, [total]] = await Promise.all([
      db
        .select()
        .from(tickets)
        .where(where)
        .orderBy(sql`${nearestDue} asc nulls last`, desc(tickets.createdAt), desc(tickets.id))
        .limit(f.pageSize)
        .offset((f.page - 1) * f.pageSize),
      db.select({ n: count() }).from(tickets).where(where),
    ]);
    return { items, total: Number(total?.n ?? 0) };
  }

  /** Open orders of a customer, or reported from this phone number (calls linked to orders). */
  openForCaller(db: DatabaseOrTransaction, customerId: string | null, phone: string) {
    const byPhone = sql`${tickets.id} in (select ${calls.ticketId} from ${calls}
      where ${calls.phone} = ${phone} and ${calls.ticketId} is not null)`;
    return db
      .select()
      .from(tickets)
      .where(
        and(
          notInArray(tickets.status, NOT_OPEN),
          customerId ? or(eq(tickets.customerId, customerId), byPhone) : byPhone,
        ),
      )
      .orderBy(desc(tickets.createdAt))
      .limit(20);
  }

  recentForCustomer(db: DatabaseOrTransaction, customerId: string, limit = 10) {
    return db
      .select()
      .from(tickets)
      .where(eq(tickets.customerId, customerId))
      .orderBy(desc(tickets.createdAt))
      .limit(limit);
  }

  /** Children of a master order that are still open, locked. */
  openChildren(db: DatabaseOrTransaction, parentId: string) {
    return db
      .select()
      .from(tickets)
      .where(and(eq(tickets.parentId, parentId), notInArray(tickets.status, NOT_OPEN)))
      .orderBy(asc(tickets.createdAt))
      .for('update');
  }

  /** Open fault orders created since `since` inside the box (merge suggestions). */
  recentOpenFaults(
    db: DatabaseOrTransaction,
    since: Date,
    box: { minLat: number; maxLat: number; minLng: number; maxLng: number },
  ) {
    return db
      .select()
      .from(tickets)
      .where(
        and(
          eq(tickets.type, 'fault_repair'),
          notInArray(tickets.status, NOT_OPEN),
          gte(tickets.createdAt, since),
          isNull(tickets.parentId),
          sql`${tickets.lat} between ${box.minLat} and ${box.maxLat}`,
          sql`${tickets.lng} between ${box.minLng} and ${box.maxLng}`,
        ),
      )
      .orderBy(asc(tickets.createdAt))
      .limit(200);
  }

  /** Keeps a crew's status in step with its order (crews are otherwise owned by the crews module). */
  async setCrewStatus(db: DatabaseOrTransaction, crewId: string, status: string, ticketId: string | null) {
    const [row] = await db
      .update(crews)
      .set({ status, ticketId, updatedAt: new Date() })
      .where(eq(crews.id, crewId))
      .returning({ id: crews.id, status: crews.status, ticketId: crews.ticketId });
    return row;
  }

  /** Frees a crew from this order only (it may already be on another one). */
  async releaseCrew(db: DatabaseOrTransaction, crewId: string, ticketId: string) {
    await db
      .update(assignments)
      .set({ releasedAt: new Date() })
      .where(
        and(
          eq(assignments.crewId, crewId),
          eq(assignments.ticketId, ticketId),
          isNull(assignments.releasedAt),
        ),
      );
    const [row] = await db
      .update(crews)
      .set({ status: 'available', ticketId: null, updatedAt: new Date() })
      .where(and(eq(crews.id, crewId), eq(crews.ticketId, ticketId)))
      .returning({ id: crews.id, status: crews.status, ticketId: crews.ticketId });
    return row;
  }

  /** Frees every crew still assigned to this order (the other crews of a combined order). */
  async releaseAllCrews(db: DatabaseOrTransaction, ticketId: string) {
    await db
      .update(assignments)
      .set({ releasedAt: new Date() })
      .where(and(eq(assignments.ticketId, ticketId), isNull(assignments.releasedAt)));
    return db
      .update(crews)
      .set({ status: 'available', ticketId: null, updatedAt: new Date() })
      .where(eq(crews.ticketId, ticketId))
      .returning({ id: crews.id });
  }

  async stampAssignmentArrival(
    db: DatabaseOrTransaction,
    crewId: string,
    ticketId: string,
    at: Date,
    manual: boolean,
  ) {
    await db
      .update(assignments)
      .set({ arrivedAt: at, arrivalManual: manual })
      .where(
        and(
          eq(assignments.crewId, crewId),
          eq(assignments.ticketId, ticketId),
          isNull(assignments.releasedAt),
          isNull(assignments.arrivedAt),
        ),
      );
  }

  linkCall(db: DatabaseOrTransaction, callId: string, ticketId: string, outcome: 'new_ticket' | 'follow_up') {
    return db.update(calls).set({ ticketId, outcome }).where(eq(calls.id, callId)).returning();
  }
}

export type TicketWhere = SQL | undefined;
