import { Injectable } from '@nestjs/common';
import { and, eq, getTableColumns, inArray, isNull, sql } from 'drizzle-orm';
import { AUDIT_COLUMNS, type AuditRecord } from '../audit/audit.repository.js';
import type { DatabaseHandle, DatabaseOrTransaction } from '../db/client.js';
import { InjectDatabase } from '../db/database.module.js';
import {
  type PreparedStatement,
  placeholdersFor,
  placeholderValues,
  prepareStatement,
} from '../db/prepared.js';
import { assignments, auditLog, calls, crews, outages } from '../db/schema/index.js';

export type CallRow = typeof calls.$inferSelect;
export type NewCall = typeof calls.$inferInsert;

@Injectable()
export class CallsRepository {
  private readonly createAudited: PreparedStatement<never>;

  constructor(@InjectDatabase() database: DatabaseHandle) {
    const { db } = database;
    const audit = db.insert(auditLog).values(placeholdersFor(AUDIT_COLUMNS, 'a_'));
    const call = db.insert(calls).values(placeholdersFor(getTableColumns(calls), 'c_'));
    // Every call is logged: prepared once (see prepareStatement).
    this.createAudited = prepareStatement(
      db,
      'call_create',
      sql`with a as (${audit.getSQL()}) ${call.getSQL()}`,
    );
  }

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
  async insertAudited(row: CallRow, audit: AuditRecord): Promise<CallRow> {
    await this.createAudited({
      ...placeholderValues(getTableColumns(calls), 'c_', row),
      ...placeholderValues(AUDIT_COLUMNS, 'a_', audit),
    });
    return row;
  }

  /** Links a call to the order it made or urged; undefined when there is no such call. */
  async linkToTicket(
    db: DatabaseOrTransaction,
    callId: string,
    ticketId: string,
    outcome: 'new_ticket' | 'follow_up',
  ) {
    const [row] = await db.update(calls).set({ ticketId, outcome }).where(eq(calls.id, callId)).returning();
    return row;
  }

  async update(db: DatabaseOrTransaction, id: string, patch: Partial<NewCall>) {
    const [row] = await db.update(calls).set(patch).where(eq(calls.id, id)).returning();
    return row!;
  }

  /** The crews now assigned to these orders, with the ETA they were sent with (the screen pop's open orders). */
  activeCrews(db: DatabaseOrTransaction, ticketIds: string[]) {
    return db
      .select({
        ticketId: assignments.ticketId,
        crewId: crews.id,
        name: crews.name,
        etaMinutes: assignments.etaMinutes,
        assignedAt: assignments.assignedAt,
        arrivedAt: assignments.arrivedAt,
      })
      .from(assignments)
      .innerJoin(crews, eq(crews.id, assignments.crewId))
      .where(and(inArray(assignments.ticketId, ticketIds), isNull(assignments.releasedAt)));
  }

  /** The estimated restoration of these outages (those the pop's open orders hang under). */
  outageEstimates(db: DatabaseOrTransaction, outageIds: string[]) {
    return db
      .select({ id: outages.id, estimatedRestoreAt: outages.estimatedRestoreAt })
      .from(outages)
      .where(inArray(outages.id, outageIds));
  }
}
