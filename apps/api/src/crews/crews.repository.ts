import { CREW_RELEASED_STATUS, type CrewStatus } from '@gd/domain';
import { Injectable } from '@nestjs/common';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../db/client.js';
import { assignments, crews } from '../db/schema/index.js';

export type CrewRow = typeof crews.$inferSelect;
export type NewCrew = typeof crews.$inferInsert;
export type AssignmentRow = typeof assignments.$inferSelect;
export type NewAssignment = typeof assignments.$inferInsert;

@Injectable()
export class CrewsRepository {
  list(db: DatabaseOrTransaction) {
    return db.select().from(crews).orderBy(asc(crews.code));
  }

  findById(db: DatabaseOrTransaction, id: string) {
    return db.query.crews.findFirst({ where: eq(crews.id, id) });
  }

  findByCode(db: DatabaseOrTransaction, code: string) {
    return db.query.crews.findFirst({ where: eq(crews.code, code) });
  }

  /** Reads the crew and locks it until the transaction ends. */
  async lock(db: DatabaseOrTransaction, id: string) {
    const [row] = await db.select().from(crews).where(eq(crews.id, id)).for('update');
    return row;
  }

  async insert(db: DatabaseOrTransaction, row: NewCrew) {
    const [created] = await db.insert(crews).values(row).returning();
    return created!;
  }

  async update(db: DatabaseOrTransaction, id: string, patch: Partial<NewCrew>) {
    const [row] = await db
      .update(crews)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(crews.id, id))
      .returning();
    return row;
  }

  /** The crew's unreleased assignment, if any (at most one: a unique index says so). */
  activeAssignment(db: DatabaseOrTransaction, crewId: string) {
    return db.query.assignments.findFirst({
      where: and(eq(assignments.crewId, crewId), isNull(assignments.releasedAt)),
    });
  }

  /**
   * Moves the live marker to this fix only if it is newer than the one shown: a late point never moves it back.
   * Returns the row when it moved.
   */
  async advanceLivePosition(
    db: DatabaseOrTransaction,
    crewId: string,
    p: { lat: number; lng: number; recordedAt: Date; speedKmh: number | null; heading: number | null },
  ) {
    const [row] = await db
      .update(crews)
      .set({
        lastLat: p.lat,
        lastLng: p.lng,
        lastAt: p.recordedAt,
        lastSpeedKmh: p.speedKmh,
        lastHeading: p.heading,
      })
      .where(and(eq(crews.id, crewId), sql`(${crews.lastAt} is null or ${crews.lastAt} < ${p.recordedAt})`))
      .returning();
    return row;
  }

  /** The crew's unreleased assignment, locked until the transaction ends. */
  async lockActiveAssignment(db: DatabaseOrTransaction, crewId: string) {
    const [row] = await db
      .select()
      .from(assignments)
      .where(and(eq(assignments.crewId, crewId), isNull(assignments.releasedAt)))
      .for('update');
    return row;
  }

  /** The order's crews now (several for a combined order), first assigned first. */
  activeAssignmentsOf(db: DatabaseOrTransaction, ticketId: string) {
    return db
      .select()
      .from(assignments)
      .where(and(eq(assignments.ticketId, ticketId), isNull(assignments.releasedAt)))
      .orderBy(asc(assignments.assignedAt));
  }

  async insertAssignment(db: DatabaseOrTransaction, row: NewAssignment) {
    const [created] = await db.insert(assignments).values(row).returning();
    return created!;
  }

  /** Sets (or, with null, clears) when the crew of this assignment arrived. */
  async stampAssignment(db: DatabaseOrTransaction, id: string, at: Date | null, manual: boolean) {
    await db.update(assignments).set({ arrivedAt: at, arrivalManual: manual }).where(eq(assignments.id, id));
  }

  /** Stamps the arrival of the crew's open assignment to this order, unless already stamped. */
  async stampArrival(db: DatabaseOrTransaction, crewId: string, ticketId: string, at: Date, manual: boolean) {
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

  /** Puts the crew on an order with a status (or takes it off one with ticketId null). */
  async setOrderStatus(
    db: DatabaseOrTransaction,
    crewId: string,
    status: CrewStatus,
    ticketId: string | null,
  ) {
    const [row] = await db
      .update(crews)
      .set({ status, ticketId, updatedAt: new Date() })
      .where(eq(crews.id, crewId))
      .returning();
    return row;
  }

  /** Frees a crew from this order only (it may already be on another one); the crew row when it was freed. */
  async release(db: DatabaseOrTransaction, crewId: string, ticketId: string) {
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
      .set({ status: CREW_RELEASED_STATUS, ticketId: null, updatedAt: new Date() })
      .where(and(eq(crews.id, crewId), eq(crews.ticketId, ticketId)))
      .returning();
    return row;
  }

  /** Frees every crew still assigned to this order (the other crews of a combined order). */
  async releaseAll(db: DatabaseOrTransaction, ticketId: string) {
    await db
      .update(assignments)
      .set({ releasedAt: new Date() })
      .where(and(eq(assignments.ticketId, ticketId), isNull(assignments.releasedAt)));
    return db
      .update(crews)
      .set({ status: CREW_RELEASED_STATUS, ticketId: null, updatedAt: new Date() })
      .where(eq(crews.ticketId, ticketId))
      .returning();
  }
}
