import type { PauseRequestStatus } from '@gd/domain';
import { Injectable } from '@nestjs/common';
import { and, asc, desc, eq, type SQL } from 'drizzle-orm';
import type { DatabaseOrTransaction, Transaction } from '../db/client.js';
import { slaPauseRequests, staff, tickets } from '../db/schema/index.js';

export type PauseRequestRow = typeof slaPauseRequests.$inferSelect;

/** The one writer of `sla_pause_requests`. */
@Injectable()
export class PauseRequestsRepository {
  async insert(tx: DatabaseOrTransaction, row: typeof slaPauseRequests.$inferInsert) {
    const [created] = await tx.insert(slaPauseRequests).values(row).returning();
    return created!;
  }

  /** The pending request for this order and clock, if any. */
  async pendingFor(db: DatabaseOrTransaction, ticketId: string, clock: PauseRequestRow['clock']) {
    const [row] = await db
      .select()
      .from(slaPauseRequests)
      .where(
        and(
          eq(slaPauseRequests.ticketId, ticketId),
          eq(slaPauseRequests.clock, clock),
          eq(slaPauseRequests.status, 'pending'),
        ),
      );
    return row;
  }

  /** One request, locked until the transaction ends (two supervisors deciding at once: one wins). */
  async lock(tx: Transaction, id: string) {
    const [row] = await tx.select().from(slaPauseRequests).where(eq(slaPauseRequests.id, id)).for('update');
    return row;
  }

  async decide(
    tx: DatabaseOrTransaction,
    id: string,
    set: Pick<PauseRequestRow, 'status' | 'decidedBy' | 'decidedAt' | 'decisionNote'>,
  ) {
    const [row] = await tx.update(slaPauseRequests).set(set).where(eq(slaPauseRequests.id, id)).returning();
    return row!;
  }

  /** Requests with their order's number and the requester; pending ones oldest first, decided ones newest first. */
  list(db: DatabaseOrTransaction, f: { status?: PauseRequestStatus; ticketId?: string; limit: number }) {
    const where: SQL[] = [];
    if (f.status) where.push(eq(slaPauseRequests.status, f.status));
    if (f.ticketId) where.push(eq(slaPauseRequests.ticketId, f.ticketId));
    return db
      .select({
        request: slaPauseRequests,
        number: tickets.number,
        requesterName: staff.displayName,
        requesterRole: staff.role,
      })
      .from(slaPauseRequests)
      .innerJoin(tickets, eq(tickets.id, slaPauseRequests.ticketId))
      .innerJoin(staff, eq(staff.id, slaPauseRequests.requestedBy))
      .where(and(...where))
      .orderBy(
        f.status === 'pending' ? asc(slaPauseRequests.requestedAt) : desc(slaPauseRequests.requestedAt),
      )
      .limit(f.limit);
  }
}
