import type { Clock } from '@gd/sla';
import { Injectable } from '@nestjs/common';
import { and, asc, eq, inArray, isNotNull, isNull, lte } from 'drizzle-orm';
import type { DatabaseOrTransaction, Transaction } from '../db/client.js';
import { slaClocks, staff, tickets } from '../db/schema/index.js';
import { clockRowFields } from './sla-clock-row.js';

export type ClockRow = typeof slaClocks.$inferSelect;
export type TicketRow = typeof tickets.$inferSelect;

/** The one owner of `sla_clocks` writes, and the escalation scheduler's queries (its claim takes row locks). */
@Injectable()
export class SlaClocksRepository {
  /** Every clock of these orders. */
  ofTickets(db: DatabaseOrTransaction, ticketIds: string[]) {
    return db.select().from(slaClocks).where(inArray(slaClocks.ticketId, ticketIds));
  }

  /** The order's clocks that have not stopped, locked until the end of the transaction. */
  lockRunning(tx: DatabaseOrTransaction, ticketId: string) {
    return tx
      .select()
      .from(slaClocks)
      .where(and(eq(slaClocks.ticketId, ticketId), isNull(slaClocks.stoppedAt)))
      .for('update');
  }

  /** Clocks started later in an order's life (counted from arrival); one of a kind per order. */
  async insertNew(tx: DatabaseOrTransaction, rows: (typeof slaClocks.$inferInsert)[]) {
    await tx.insert(slaClocks).values(rows).onConflictDoNothing();
  }

  /** When the work an exempt clock measures was really done (the raw report still wants it). */
  async stampRawStop(
    tx: DatabaseOrTransaction,
    ticketId: string,
    kind: ClockRow['kind'],
    at: Date,
    crewId: string | null,
  ) {
    await tx
      .update(slaClocks)
      .set({ stoppedAt: at, crewId, nextCheckAt: null })
      .where(and(eq(slaClocks.ticketId, ticketId), eq(slaClocks.kind, kind)));
  }

  /** One clock of an order, locked until the end of the transaction. */
  async lock(tx: Transaction, ticketId: string, kind: ClockRow['kind']): Promise<ClockRow | undefined> {
    const [row] = await tx
      .select()
      .from(slaClocks)
      .where(and(eq(slaClocks.ticketId, ticketId), eq(slaClocks.kind, kind)))
      .for('update');
    return row;
  }

  /** Writes a changed clock with its columns recomputed (and its next escalation check). */
  async save(db: DatabaseOrTransaction, ticket: TicketRow, clock: Clock, nowMs: number = Date.now()) {
    await db
      .update(slaClocks)
      .set(clockRowFields(clock, ticket, nowMs))
      .where(and(eq(slaClocks.ticketId, ticket.id), eq(slaClocks.kind, clock.kind)));
  }

  /**
   * The earliest pending check of every clock: the first entry of index `sla_clocks_next_check`. Written as ORDER BY
   * … LIMIT 1 rather than min(): on a table whose statistics lag behind a surge of new orders the planner turned
   * min() into an aggregate over every pending check (1,000 of them cost 1.5–2 ms a poll in the call-path benchmark).
   */
  async nextCheckAt(db: DatabaseOrTransaction): Promise<Date | null> {
    const [row] = await db
      .select({ at: slaClocks.nextCheckAt })
      .from(slaClocks)
      .where(isNotNull(slaClocks.nextCheckAt))
      .orderBy(asc(slaClocks.nextCheckAt))
      .limit(1);
    return row?.at ?? null;
  }

  /**
   * Locks up to `limit` clocks due for a check, skipping those another node holds (FOR UPDATE SKIP LOCKED),
   * with what an escalation needs of their order.
   */
  claimDue(tx: Transaction, now: Date, limit: number) {
    return tx
      .select({
        ticketId: slaClocks.ticketId,
        kind: slaClocks.kind,
        clock: slaClocks.clock,
        warnedAt: slaClocks.warnedAt,
        breachNotifiedAt: slaClocks.breachNotifiedAt,
        number: tickets.number,
        district: tickets.district,
        firstResponderId: tickets.firstResponderId,
      })
      .from(slaClocks)
      .innerJoin(tickets, eq(tickets.id, slaClocks.ticketId))
      .where(lte(slaClocks.nextCheckAt, now))
      .orderBy(asc(slaClocks.nextCheckAt))
      .limit(limit)
      .for('update', { of: slaClocks, skipLocked: true });
  }

  async markChecked(
    tx: Transaction,
    key: { ticketId: string; kind: ClockRow['kind'] },
    set: Pick<ClockRow, 'state' | 'nextCheckAt'> &
      Partial<Pick<ClockRow, 'warnedAt' | 'breachNotifiedAt' | 'breachedAt'>>,
  ) {
    await tx
      .update(slaClocks)
      .set(set)
      .where(and(eq(slaClocks.ticketId, key.ticketId), eq(slaClocks.kind, key.kind)));
  }

  /** Active dispatchers with their district (null: city-wide). */
  dispatchers(db: DatabaseOrTransaction) {
    return db
      .select({ id: staff.id, district: staff.district })
      .from(staff)
      .where(and(eq(staff.role, 'dispatcher'), eq(staff.disabled, false)));
  }
}
