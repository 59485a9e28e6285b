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

  /** Counts a failed login and locks the account once `max` is reached; returns the row after the change. */
  async recordFailedLogin(db: DatabaseOrTransaction, id: string, max: number, lockMinutes: number) {
    const [row] = await db
      .update(staff)
      .set({
        failedLogins: sql`${staff.failedLogins} + 1`,
        lockedUntil: sql`case when ${staff.failedLogins} + 1 >= ${max}
          then now() + make_interval(mins => ${lockMinutes}) else ${staff.lockedUntil} end`,
      })
      .where(eq(staff.id, id))
      .returning();
    return row;
  }
}
