import { Injectable } from '@nestjs/common';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../db/client.js';
import { assignments, crews } from '../db/schema/index.js';

export type CrewRow = typeof crews.$inferSelect;
export type NewCrew = typeof crews.$inferInsert;
export type AssignmentRow = typeof assignments.$inferSelect;

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
}
