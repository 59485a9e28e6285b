import { Injectable } from '@nestjs/common';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../db/client.js';
import { assignments, crews, settings, slaClocks } from '../db/schema/index.js';

export type AssignmentRow = typeof assignments.$inferSelect;
export type NewAssignment = typeof assignments.$inferInsert;

@Injectable()
export class DispatchRepository {
  /** When the order's arrival clock is due, if it still runs. */
  async arrivalDueAt(db: DatabaseOrTransaction, ticketId: string): Promise<Date | null> {
    const [row] = await db
      .select({ dueAt: slaClocks.dueAt })
      .from(slaClocks)
      .where(
        and(eq(slaClocks.ticketId, ticketId), eq(slaClocks.kind, 'arrival'), isNull(slaClocks.stoppedAt)),
      );
    return row?.dueAt ?? null;
  }

  /** The order's crews now (several for a combined order), first assigned first. */
  activeForTicket(db: DatabaseOrTransaction, ticketId: string) {
    return db
      .select()
      .from(assignments)
      .where(and(eq(assignments.ticketId, ticketId), isNull(assignments.releasedAt)))
      .orderBy(asc(assignments.assignedAt));
  }

  async lockActive(db: DatabaseOrTransaction, crewId: string) {
    const [row] = await db
      .select()
      .from(assignments)
      .where(and(eq(assignments.crewId, crewId), isNull(assignments.releasedAt)))
      .for('update');
    return row;
  }

  async insert(db: DatabaseOrTransaction, row: NewAssignment) {
    const [created] = await db.insert(assignments).values(row).returning();
    return created!;
  }

  async stampArrival(db: DatabaseOrTransaction, id: string, at: Date | null, manual: boolean) {
    await db.update(assignments).set({ arrivedAt: at, arrivalManual: manual }).where(eq(assignments.id, id));
  }

  async setCrew(
    db: DatabaseOrTransaction,
    crewId: string,
    patch: { status: string; ticketId: string | null },
  ) {
    const [row] = await db
      .update(crews)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(crews.id, crewId))
      .returning();
    return row;
  }

  async getSetting<T>(db: DatabaseOrTransaction, key: string): Promise<T | undefined> {
    const [row] = await db.select().from(settings).where(eq(settings.key, key));
    return row?.value as T | undefined;
  }

  async putSetting(db: DatabaseOrTransaction, key: string, value: unknown, userId: string | null) {
    await db
      .insert(settings)
      .values({ key, value, updatedBy: userId, updatedAt: new Date() })
      .onConflictDoUpdate({
        target: settings.key,
        set: { value: sql`excluded.value`, updatedBy: userId, updatedAt: new Date() },
      });
  }
}
