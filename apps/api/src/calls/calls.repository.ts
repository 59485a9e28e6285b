import { Injectable } from '@nestjs/common';
import { eq } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../db/client.js';
import { calls } from '../db/schema/index.js';

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

  async update(db: DatabaseOrTransaction, id: string, patch: Partial<NewCall>) {
    const [row] = await db.update(calls).set(patch).where(eq(calls.id, id)).returning();
    return row!;
  }
}
