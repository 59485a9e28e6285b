import { Injectable } from '@nestjs/common';
import { and, asc, eq, sql } from 'drizzle-orm';
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
   * Takes one password check for `username`, atomically: counts it as a failure in advance and locks the account
   * when this check reaches `max` (a success resets both). One UPDATE … RETURNING, so parallel guesses each take
   * their own count and at most `max` of them are ever checked. No row for an unknown, disabled or locked account.
   * A lock that has run out starts the count again.
   */
  async claimLoginCheck(db: DatabaseOrTransaction, username: string, max: number, lockMinutes: number) {
    const expired = sql`${staff.lockedUntil} is not null and ${staff.lockedUntil} <= now()`;
    const count = sql`case when ${expired} then 1 else ${staff.failedLogins} + 1 end`;
    const [row] = await db
      .update(staff)
      .set({
        failedLogins: count,
        lockedUntil: sql`case when ${count} >= ${max} then now() + make_interval(mins => ${lockMinutes}) end`,
      })
      .where(
        and(
          eq(staff.username, username),
          eq(staff.disabled, false),
          sql`(${staff.lockedUntil} is null or ${staff.lockedUntil} <= now())`,
        ),
      )
      .returning();
    return row;
  }
}
