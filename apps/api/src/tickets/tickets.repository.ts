import { FINAL_STATUSES, formatTicketNumber, type TicketStatus } from '@gd/domain';
import { Injectable } from '@nestjs/common';
import { and, asc, count, desc, eq, gte, inArray, isNull, notInArray, or, type SQL, sql } from 'drizzle-orm';
import type { AuditRecord } from '../audit/audit.repository.js';
import type { DatabaseOrTransaction } from '../db/client.js';
import {
  assignments,
  auditLog,
  calls,
  crews,
  idempotencyKeys,
  slaClocks,
  ticketEvents,
  ticketSequences,
  tickets,
} from '../db/schema/index.js';

export type TicketRow = typeof tickets.$inferSelect;
export type NewTicket = typeof tickets.$inferInsert;
export type TicketEventRow = typeof ticketEvents.$inferSelect;

/** The fields a new order is given; the others start at their column defaults (see newTicketRow). */
type TicketDraft = Pick<
  TicketRow,
  | 'id'
  | 'number'
  | 'type'
  | 'status'
  | 'description'
  | 'firstResponderId'
  | 'ownerId'
  | 'createdAt'
  | 'updatedAt'
> &
  Partial<TicketRow>;

/** A new order's full row as the database will hold it: the column defaults of `tickets` for what is not given. */
export function newTicketRow(d: TicketDraft): TicketRow {
  return {
    subKind: null,
    priority: 'normal',
    customerId: null,
    address: null,
    lat: null,
    lng: null,
    zoneId: null,
    zoneClass: null,
    district: null,
    crewId: null,
    outageId: null,
    parentId: null,
    urgeCount: 0,
    reopenCount: 0,
    requiredSkills: [],
    sensitive: false,
    report: null,
    resolution: null,
    dispatchedAt: null,
    acknowledgedAt: null,
    enRouteAt: null,
    arrivedAt: null,
    arrivalManual: false,
    restoredAt: null,
    completedAt: null,
    closedAt: null,
    ...d,
  };
}

/** A timeline entry of a new order; `withNumber` adds the order's number (known only when written) to its data. */
export interface NewOrderEvent {
  ticketId: string;
  actorId: string | null;
  kind: string;
  data: Record<string, unknown>;
  withNumber?: boolean;
  at: Date;
}

/** Statuses in which an order still waits for someone (completed waits only for the callback). */
const NOT_OPEN: TicketStatus[] = [...FINAL_STATUSES, 'completed'];

export interface TicketFilter {
  status?: TicketStatus[];
  type?: string[];
  firstResponderId?: string;
  ownerId?: string;
  crewId?: string;
  customerId?: string;
  zoneClass?: string;
  district?: string;
  breaching?: boolean;
  open?: boolean;
  parentId?: string;
  page: number;
  pageSize: number;
}

/** The due time of the order's running clock closest to breach (null when none runs). */
const nearestDue = sql`(select min(${slaClocks.dueAt}) from ${slaClocks}
  where ${slaClocks.ticketId} = ${tickets.id} and ${slaClocks.stoppedAt} is null
  and ${slaClocks.state} not in ('exempt', 'paused'))`;

@Injectable()
export class TicketsRepository {
  findById(db: DatabaseOrTransaction, id: string) {
    return db.query.tickets.findFirst({ where: eq(tickets.id, id) });
  }

  /** Reads the order and locks it until the transaction ends (every change goes through this). */
  async lock(db: DatabaseOrTransaction, id: string) {
    const [row] = await db.select().from(tickets).where(eq(tickets.id, id)).for('update');
    return row;
  }

  async insert(db: DatabaseOrTransaction, row: NewTicket) {
    const [created] = await db.insert(tickets).values(row).returning();
    return created!;
  }

  async update(db: DatabaseOrTransaction, id: string, patch: Partial<NewTicket>) {
    const [row] = await db
      .update(tickets)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(tickets.id, id))
      .returning();
    return row!;
  }

  /**
   * Writes a new order in one statement: the day's next number (formatTicketNumber's form, in SQL), the order, its
   * clocks, its timeline entries, the audit record (its `after` gets the number) and the link from the call that
   * opened it. The row lock on the day's sequence serialises concurrent creators, so it is taken by the last
   * statement before COMMIT. Returns the row as written and whether the call was found and linked.
   */
  async insertNew(
    tx: DatabaseOrTransaction,
    p: {
      ticket: TicketRow;
      day: string;
      clocks: (typeof slaClocks.$inferInsert)[];
      events: NewOrderEvent[];
      audit: AuditRecord;
      callLink?: { callId: string; outcome: 'new_ticket' | 'follow_up' };
    },
  ): Promise<{ row: TicketRow; callLinked: boolean }> {
    const prefix = formatTicketNumber(p.day, 0).slice(0, -6);
    const numbered = (data: unknown) =>
      sql`${JSON.stringify(data ?? {})}::jsonb || jsonb_build_object('number', (select n from seq))`;
    const ctes: SQL[] = [
      sql`seq as (insert into "ticket_sequences" ("day", "last") values (${p.day}, 1)
        on conflict ("day") do update set "last" = "ticket_sequences"."last" + 1
        returning ${prefix} || case when "last" >= 1000000 then "last"::text else lpad("last"::text, 6, '0') end as n)`,
      sql`t as (${tx
        .insert(tickets)
        .values({ ...p.ticket, number: sql`(select n from seq)` })
        .returning({ number: tickets.number })
        .getSQL()})`,
    ];
    if (p.clocks.length) ctes.push(sql`c as (${tx.insert(slaClocks).values(p.clocks).getSQL()})`);
    if (p.events.length) {
      const events = p.events.map(({ withNumber, ...e }) => ({
        ...e,
        data: withNumber ? numbered(e.data) : e.data,
      }));
      ctes.push(sql`e as (${tx.insert(ticketEvents).values(events).getSQL()})`);
    }
    ctes.push(
      sql`a as (${tx
        .insert(auditLog)
        .values({ ...p.audit, before: p.audit.before ?? null, after: numbered(p.audit.after) })
        .getSQL()})`,
    );
    if (p.callLink) {
      ctes.push(
        sql`l as (${tx
          .update(calls)
          .set({ ticketId: p.ticket.id, outcome: p.callLink.outcome })
          .where(eq(calls.id, p.callLink.callId))
          .returning({ id: calls.id })
          .getSQL()})`,
      );
    }
    const result = (await tx.execute(
      sql`with ${sql.join(ctes, sql`, `)} select (select "number" from t) as "number", ${
        p.callLink ? sql`(select count(*) from l)::int` : sql`0`
      } as "linked"`,
    )) as unknown as { rows: { number: string; linked: number }[] };
    const out = result.rows[0]!;
    return { row: { ...p.ticket, number: out.number }, callLinked: Number(out.linked) > 0 };
  }

  /** Next number of the local day; the row lock on the day serialises concurrent creators. */
  async nextSequence(db: DatabaseOrTransaction, day: string): Promise<number> {
    const [row] = await db
      .insert(ticketSequences)
      .values({ day, last: 1 })
      .onConflictDoUpdate({ target: ticketSequences.day, set: { last: sql`${ticketSequences.last} + 1` } })
      .returning({ last: ticketSequences.last });
    return row!.last;
  }

  /**
   * Claims an idempotency key for a new order. Concurrent claims of one key wait on the primary key until the first
   * transaction ends; only one inserts. Returns false when the key was already taken.
   */
  async claimIdempotencyKey(db: DatabaseOrTransaction, userId: string, key: string, ticketId: string) {
    const rows = await db
      .insert(idempotencyKeys)
      .values({ userId, key, ticketId })
      .onConflictDoNothing()
      .returning({ ticketId: idempotencyKeys.ticketId });
    return rows.length === 1;
  }

  async idempotentTicketId(db: DatabaseOrTransaction, userId: string, key: string) {
    const row = await db.query.idempotencyKeys.findFirst({
      where: and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)),
    });
    return row?.ticketId;
  }

  async addEvent(
    db: DatabaseOrTransaction,
    e: { ticketId: string; actorId: string | null; kind: string; data?: Record<string, unknown>; at?: Date },
  ) {
    await db.insert(ticketEvents).values({ ...e, data: e.data ?? {}, at: e.at ?? new Date() });
  }

  timeline(db: DatabaseOrTransaction, ticketId: string) {
    return db
      .select()
      .from(ticketEvents)
      .where(eq(ticketEvents.ticketId, ticketId))
      .orderBy(asc(ticketEvents.at), asc(ticketEvents.id));
  }

  async list(db: DatabaseOrTransaction, f: TicketFilter) {
    const where = and(
      f.status?.length ? inArray(tickets.status, f.status) : undefined,
      f.type?.length ? inArray(tickets.type, f.type) : undefined,
      f.firstResponderId ? eq(tickets.firstResponderId, f.firstResponderId) : undefined,
      f.ownerId ? eq(tickets.ownerId, f.ownerId) : undefined,
      f.crewId ? eq(tickets.crewId, f.crewId) : undefined,
      f.customerId ? eq(tickets.customerId, f.customerId) : undefined,
      f.zoneClass ? eq(tickets.zoneClass, f.zoneClass as 'urban') : undefined,
      f.district ? eq(tickets.district, f.district) : undefined,
      f.parentId ? eq(tickets.parentId, f.parentId) : undefined,
      f.open ? notInArray(tickets.status, NOT_OPEN) : undefined,
      f.breaching
        ? sql`exists (select 1 from ${slaClocks} where ${slaClocks.ticketId} = ${tickets.id}
            and ${slaClocks.stoppedAt} is null and ${slaClocks.state} not in ('exempt', 'paused')
            and coalesce(${slaClocks.warningAt}, ${slaClocks.dueAt}) <= now())`
        : undefined,
    );
    const [items, [total]] = await Promise.all([
      db
        .select()
        .from(tickets)
        .where(where)
        .orderBy(sql`${nearestDue} asc nulls last`, desc(tickets.createdAt), desc(tickets.id))
        .limit(f.pageSize)
        .offset((f.page - 1) * f.pageSize),
      db.select({ n: count() }).from(tickets).where(where),
    ]);
    return { items, total: Number(total?.n ?? 0) };
  }

  /**
   * Open orders of a customer, or reported from this phone number (calls linked to orders). The candidates come
   * from two index lookups (orders by customer, calls by phone) rather than an OR the planner cannot index.
   */
  openForCaller(db: DatabaseOrTransaction, customerId: string | null, phone: string) {
    const byPhone = sql`select ${calls.ticketId} from ${calls} where ${calls.phone} = ${phone} and ${calls.ticketId} is not null`;
    const ids = customerId
      ? sql`select ${tickets.id} from ${tickets} where ${tickets.customerId} = ${customerId} union ${byPhone}`
      : byPhone;
    return db
      .select()
      .from(tickets)
      .where(and(notInArray(tickets.status, NOT_OPEN), sql`${tickets.id} in (${ids})`))
      .orderBy(desc(tickets.createdAt))
      .limit(20);
  }

  recentForCustomer(db: DatabaseOrTransaction, customerId: string, limit = 10) {
    return db
      .select()
      .from(tickets)
      .where(eq(tickets.customerId, customerId))
      .orderBy(desc(tickets.createdAt))
      .limit(limit);
  }

  /** Children of a master order that are still open, locked. */
  openChildren(db: DatabaseOrTransaction, parentId: string) {
    return db
      .select()
      .from(tickets)
      .where(and(eq(tickets.parentId, parentId), notInArray(tickets.status, NOT_OPEN)))
      .orderBy(asc(tickets.createdAt))
      .for('update');
  }

  /** Open fault orders created since `since` inside the box (merge suggestions). */
  recentOpenFaults(
    db: DatabaseOrTransaction,
    since: Date,
    box: { minLat: number; maxLat: number; minLng: number; maxLng: number },
  ) {
    return db
      .select()
      .from(tickets)
      .where(
        and(
          eq(tickets.type, 'fault_repair'),
          notInArray(tickets.status, NOT_OPEN),
          gte(tickets.createdAt, since),
          isNull(tickets.parentId),
          sql`${tickets.lat} between ${box.minLat} and ${box.maxLat}`,
          sql`${tickets.lng} between ${box.minLng} and ${box.maxLng}`,
        ),
      )
      .orderBy(asc(tickets.createdAt))
      .limit(200);
  }

  /** Keeps a crew's status in step with its order (crews are otherwise owned by the crews module). */
  async setCrewStatus(db: DatabaseOrTransaction, crewId: string, status: string, ticketId: string | null) {
    const [row] = await db
      .update(crews)
      .set({ status, ticketId, updatedAt: new Date() })
      .where(eq(crews.id, crewId))
      .returning({ id: crews.id, status: crews.status, ticketId: crews.ticketId });
    return row;
  }

  /** Frees a crew from this order only (it may already be on another one). */
  async releaseCrew(db: DatabaseOrTransaction, crewId: string, ticketId: string) {
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
      .set({ status: 'available', ticketId: null, updatedAt: new Date() })
      .where(and(eq(crews.id, crewId), eq(crews.ticketId, ticketId)))
      .returning({ id: crews.id, status: crews.status, ticketId: crews.ticketId });
    return row;
  }

  /** Frees every crew still assigned to this order (the other crews of a combined order). */
  async releaseAllCrews(db: DatabaseOrTransaction, ticketId: string) {
    await db
      .update(assignments)
      .set({ releasedAt: new Date() })
      .where(and(eq(assignments.ticketId, ticketId), isNull(assignments.releasedAt)));
    return db
      .update(crews)
      .set({ status: 'available', ticketId: null, updatedAt: new Date() })
      .where(eq(crews.ticketId, ticketId))
      .returning({ id: crews.id });
  }

  async stampAssignmentArrival(
    db: DatabaseOrTransaction,
    crewId: string,
    ticketId: string,
    at: Date,
    manual: boolean,
  ) {
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

  linkCall(db: DatabaseOrTransaction, callId: string, ticketId: string, outcome: 'new_ticket' | 'follow_up') {
    return db.update(calls).set({ ticketId, outcome }).where(eq(calls.id, callId)).returning();
  }
}

export type TicketWhere = SQL | undefined;
