import { Injectable } from '@nestjs/common';
import { and, asc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../db/client.js';
import { callbackAttempts, callbacks, calls, crews, customers, staff, tickets } from '../db/schema/index.js';

export type CallbackRow = typeof callbacks.$inferSelect;
export type CallbackAttemptRow = typeof callbackAttempts.$inferSelect;
export type NewCallbackAttempt = typeof callbackAttempts.$inferInsert;

/** What the queue shows of a callback without opening it: the task, its order and the customer. */
const listColumns = {
  callback: callbacks,
  ticketNumber: tickets.number,
  ticketType: tickets.type,
  ticketStatus: tickets.status,
  ticketCompletedAt: tickets.completedAt,
  customerId: tickets.customerId,
  customerName: customers.name,
  customerPhone: customers.phone,
  address: sql<string | null>`coalesce(${tickets.address}, ${customers.address})`,
  district: tickets.district,
  /** The outcome of the closing survey, if any: whether it left the customer satisfied and solved. */
  lastSatisfaction: sql<string | null>`(
    select a.satisfaction from ${callbackAttempts} a
    where a.callback_id = ${callbacks.id} and a.reached
    order by a.at desc limit 1)`,
  lastResolved: sql<boolean | null>`(
    select a.resolved from ${callbackAttempts} a
    where a.callback_id = ${callbacks.id} and a.reached
    order by a.at desc limit 1)`,
};
export type CallbackListRow = Awaited<ReturnType<CallbacksRepository['list']>>[number];

/** The instant the queue sorts by: a retry's time when one is set, else the due time. */
const sortAt = sql<Date>`coalesce(${callbacks.nextAttemptAt}, ${callbacks.dueAt})`;

@Injectable()
export class CallbacksRepository {
  findOpenForTicket(db: DatabaseOrTransaction, ticketId: string) {
    return db.query.callbacks.findFirst({
      where: and(eq(callbacks.ticketId, ticketId), eq(callbacks.status, 'due')),
    });
  }

  async insert(db: DatabaseOrTransaction, row: typeof callbacks.$inferInsert) {
    const [created] = await db.insert(callbacks).values(row).returning();
    return created!;
  }

  list(db: DatabaseOrTransaction, opts: { status?: CallbackRow['status']; limit: number; ids?: string[] }) {
    return db
      .select(listColumns)
      .from(callbacks)
      .innerJoin(tickets, eq(tickets.id, callbacks.ticketId))
      .leftJoin(customers, eq(customers.id, tickets.customerId))
      .where(
        and(
          opts.status ? eq(callbacks.status, opts.status) : undefined,
          opts.ids ? inArray(callbacks.id, opts.ids) : undefined,
        ),
      )
      .orderBy(asc(sortAt), asc(callbacks.id))
      .limit(opts.limit);
  }

  /** Locks one callback for the survey that changes it. */
  async lock(db: DatabaseOrTransaction, id: string) {
    const [row] = await db.select().from(callbacks).where(eq(callbacks.id, id)).for('update');
    return row;
  }

  async update(db: DatabaseOrTransaction, id: string, patch: Partial<typeof callbacks.$inferInsert>) {
    const [row] = await db.update(callbacks).set(patch).where(eq(callbacks.id, id)).returning();
    return row!;
  }

  async insertAttempt(db: DatabaseOrTransaction, row: NewCallbackAttempt) {
    const [created] = await db.insert(callbackAttempts).values(row).returning();
    return created!;
  }

  attemptsOf(db: DatabaseOrTransaction, callbackId: string) {
    return db
      .select({ attempt: callbackAttempts, agentName: staff.displayName })
      .from(callbackAttempts)
      .leftJoin(staff, eq(staff.id, callbackAttempts.agentId))
      .where(eq(callbackAttempts.callbackId, callbackId))
      .orderBy(asc(callbackAttempts.at), asc(callbackAttempts.id));
  }

  callsOf(db: DatabaseOrTransaction, ticketId: string) {
    return db.select().from(calls).where(eq(calls.ticketId, ticketId)).orderBy(asc(calls.startedAt));
  }

  async names(db: DatabaseOrTransaction, crewId: string | null, userId: string | null) {
    const [crew] = crewId
      ? await db.select({ name: crews.name }).from(crews).where(eq(crews.id, crewId))
      : [];
    const [user] = userId
      ? await db.select({ name: staff.displayName }).from(staff).where(eq(staff.id, userId))
      : [];
    return { crewName: crew?.name ?? null, userName: user?.name ?? null };
  }

  countDue(db: DatabaseOrTransaction) {
    return db.$count(callbacks, eq(callbacks.status, 'due'));
  }

  /**
   * Claims overdue callbacks not yet escalated, stamping them so that no other node (or later scan) escalates
   * them again: `FOR UPDATE SKIP LOCKED` lets several nodes scan at once without waiting on each other.
   */
  async claimOverdue(db: DatabaseOrTransaction, now: Date, limit: number) {
    const claimable = db
      .select({ id: callbacks.id })
      .from(callbacks)
      .where(and(eq(callbacks.status, 'due'), lte(callbacks.dueAt, now), isNull(callbacks.dueNotifiedAt)))
      .orderBy(asc(callbacks.dueAt))
      .limit(limit)
      .for('update', { skipLocked: true });
    return db
      .update(callbacks)
      .set({ dueNotifiedAt: now })
      .where(and(inArray(callbacks.id, claimable), isNull(callbacks.dueNotifiedAt)))
      .returning();
  }
}
