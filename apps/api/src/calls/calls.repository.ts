import { Injectable } from '@nestjs/common';
import { eq, sql } from 'drizzle-orm';
import type { AuditRecord } from '../audit/audit.repository.js';
import type { DatabaseOrTransaction } from '../db/client.js';
import { auditLog, calls } from '../db/schema/index.js';

export type CallRow = typeof calls.$inferSelect;
export type NewCall = typeof calls.$inferInsert;

@Injectable()
export class CallsRepository {
  findById(db: DatabaseOrTransaction, id: string) {
    return db.query.calls.findFirst({ where: eq(calls.id, id) });
  }

  async lock(db: DatabaseOrTransaction, id: string) {
    const [row] = await db.select().from(calls).where(eq(calls.id, id)).for('update');
    return row;
  }

  async insert(db: DatabaseOrTransaction, row: NewCall) {
    const [created] = await db.insert(calls).values(row).returning();
    return created!;
  }

  /**
   * Logs a call and its audit record in one statement (atomic without a transaction). The row is given in full
   * (id and start time chosen by the caller), so nothing needs to be read back.
   */
  async insertAudited(db: DatabaseOrTransaction, row: CallRow, audit: AuditRecord): Promise<CallRow> {
    const auditInsert = db
      .insert(auditLog)
      .values({ ...audit, before: audit.before ?? null, after: audit.after ?? null });
    await db.execute(sql`with a as (${auditInsert.getSQL()}) ${db.insert(calls).values(row).getSQL()}`);
    return row;
  }

  async update(db: DatabaseOrTransaction, id: string, patch: Partial<NewCall>) {
    const [row] = await db.update(calls).set(patch).where(eq(calls.id, id)).returning();
    return row!;
  }
}
