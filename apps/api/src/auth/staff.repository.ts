import { Injectable } from '@nestjs/common';
import { and, asc, eq, gte, isNull, sql } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../db/client.js';
import { staff } from '../db/schema/index.js';

export type StaffRow = typeof staff.$inferSelect;
export type NewStaff = typeof staff.$inferInsert;

@Injectable()
export class StaffRepository {
  findByUsername(db: DatabaseOrTransaction, username: string) {
    return db.query.staff.findFirst({ where: eq(staff.username, username) });
  }

  findById(db: DatabaseOrTransaction, id: string) {
    return db.query.staff.findFirst({ where: eq(staff.id, id) });
  }

  list(db: DatabaseOrTransaction, filter: { role?: string; crewId?: string } = {}) {
    return db
      .select()
      .from(staff)
      .where(
        and(
          filter.role ? eq(staff.role, filter.role as StaffRow['role']) : undefined,
          filter.crewId ? eq(staff.crewId, filter.crewId) : undefined,
        ),
      )
      .orderBy(asc(staff.username));
  }

  async insert(db: DatabaseOrTransaction, row: NewStaff) {
    const [created] = await db.insert(staff).values(row).returning();
    return created!;
  }

  async update(db: DatabaseOrTransaction, id: string, patch: Partial<NewStaff>) {
    const [updated] = await db
      .update(staff)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(staff.id, id))
      .returning();
    return updated;
  }

  /**
   * Takes one password check for `username`, atomically: counts it as a failure in advance (a success resets the
   * count), and refuses it once `max` checks are counted — finished failures and checks still running alike. One
   * UPDATE … RETURNING, so parallel guesses each take their own count and at most `max` of them are ever checked.
   * No row for an unknown, disabled or locked account, or one with `max` checks in flight. A lock that has run out
   * starts the count again. The lock itself is set only by a check that failed (recordLoginFailure): sign-ins that
   * were merely in flight together never lock an account.
   */
  async claimLoginCheck(db: DatabaseOrTransaction, username: string, max: number) {
    const expired = sql`(${staff.lockedUntil} is not null and ${staff.lockedUntil} <= now())`;
    const [row] = await db
      .update(staff)
      .set({
        failedLogins: sql`case when ${expired} then 1 else ${staff.failedLogins} + 1 end`,
        lockedUntil: sql`case when ${expired} then null else ${staff.lockedUntil} end`,
      })
      .where(
        and(
          eq(staff.username, username),
          eq(staff.disabled, false),
          sql`(${staff.lockedUntil} is null or ${expired})`,
          sql`(${expired} or ${staff.failedLogins} < ${max})`,
        ),
      )
      .returning();
    return row;
  }

  /**
   * A claimed check failed: the account locks for `lockMinutes` once `max` failures are counted. Returns the row
   * only when this failure locked it (so the lock is audited once).
   */
  async recordLoginFailure(db: DatabaseOrTransaction, id: string, max: number, lockMinutes: number) {
    const [row] = await db
      .update(staff)
      .set({ lockedUntil: sql`now() + make_interval(mins => ${lockMinutes})` })
      .where(and(eq(staff.id, id), isNull(staff.lockedUntil), gte(staff.failedLogins, max)))
      .returning();
    return row;
  }
}
