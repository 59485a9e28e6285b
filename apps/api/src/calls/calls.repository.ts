import { Injectable } from '@nestjs/common';
import { and, desc, eq, getTableColumns, inArray, isNull, sql } from 'drizzle-orm';
import { AUDIT_COLUMNS, type AuditRecord } from '../audit/audit.repository.js';
import type { CustomerRow } from '../customers/customers.repository.js';
import type { DatabaseHandle, DatabaseOrTransaction } from '../db/client.js';
import { InjectDatabase } from '../db/database.module.js';
import {
  fromJsonRow,
  type PreparedStatement,
  placeholdersFor,
  placeholderValues,
  prepareStatement,
} from '../db/prepared.js';
import { assignments, auditLog, calls, crews, customers, outages, tickets } from '../db/schema/index.js';
import {
  clocksOf,
  OPEN_FOR_CALLER_LIMIT,
  openForCallerWhere,
  type StoredClock,
  type TicketRow,
  type TicketWithClocks,
} from '../tickets/tickets.repository.js';

const CUSTOMER_COLUMNS = getTableColumns(customers);
const TICKET_COLUMNS = getTableColumns(tickets);

export type CallRow = typeof calls.$inferSelect;
export type NewCall = typeof calls.$inferInsert;

/** What the call's one statement answers: the caller (by phone) and their open orders, as JSON (see openCall). */
interface OpenedCall {
  customer: Record<string, unknown> | null;
  open: (Record<string, unknown> & { clocks: StoredClock[] })[];
}

@Injectable()
export class CallsRepository {
  private readonly createAudited: PreparedStatement<never>;
  private readonly openByPhone: PreparedStatement<OpenedCall>;

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
    this.openByPhone = this.prepareOpenByPhone(database);
  }

  /**
   * The screen pop's write and reads in one statement: the newest customer with the caller's number, the call linked
   * to them with its audit record, and their open orders (or those reported from the number) with their clocks.
   */
  private prepareOpenByPhone({ db }: DatabaseHandle) {
    const ph = (name: string) => sql`${sql.placeholder(name)}`;
    const customer = db
      .select()
      .from(customers)
      .where(eq(customers.phone, ph('phone')))
      .orderBy(desc(customers.createdAt), desc(customers.id))
      .limit(1);
    const customerId = sql`(select id from cust)`;
    const audit = db.insert(auditLog).values({
      actorId: ph('agentId'),
      action: 'call.create',
      entity: 'call',
      entityId: ph('id'),
      after: sql`jsonb_build_object('channel', ${ph('channel')}::text, 'customerId', ${customerId})`,
    });
    const call = db.insert(calls).values({
      id: ph('id'),
      agentId: ph('agentId'),
      phone: ph('phone'),
      channel: ph('channel'),
      customerId,
      notes: ph('notes'),
      startedAt: ph('startedAt'),
    });
    const open = db
      .select({ ...getTableColumns(tickets), clocks: clocksOf.as('clocks') })
      .from(tickets)
      .where(openForCallerWhere(customerId, ph('phone')))
      .orderBy(desc(tickets.createdAt))
      .limit(OPEN_FOR_CALLER_LIMIT);
    return prepareStatement<OpenedCall>(
      db,
      'call_open_by_phone',
      sql`with cust as (${customer.getSQL()}), a as (${audit.getSQL()}), c as (${call.getSQL()}),
        o as (${open.getSQL()})
        select (select row_to_json(cust) from cust) as customer,
          (select coalesce(json_agg(o order by o.created_at desc), '[]') from o) as open`,
    );
  }

  /**
   * Logs a call from a number with no customer named yet, in one statement (atomic without a transaction): the
   * customer is the newest registered with the number; answers them and their open orders.
   */
  async openByPhoneAudited(
    row: CallRow,
  ): Promise<{ customer: CustomerRow | null; open: TicketWithClocks[] }> {
    const [out] = await this.openByPhone({
      id: row.id,
      agentId: row.agentId,
      phone: row.phone,
      channel: row.channel,
      notes: row.notes,
      startedAt: row.startedAt.toISOString(),
    });
    return {
      customer: out?.customer ? fromJsonRow<CustomerRow>(CUSTOMER_COLUMNS, out.customer) : null,
      open: (out?.open ?? []).map((o) => ({
        ...fromJsonRow<TicketRow>(TICKET_COLUMNS, o),
        clocks: o.clocks,
      })),
    };
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
