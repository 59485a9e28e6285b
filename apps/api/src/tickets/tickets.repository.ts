import { FINAL_STATUSES, formatTicketNumber, type TicketStatus, type TimelineKind } from '@gd/domain';
import { Injectable } from '@nestjs/common';
import {
  and,
  asc,
  count,
  desc,
  eq,
  getTableColumns,
  gte,
  inArray,
  isNull,
  notInArray,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import { AUDIT_COLUMNS, type AuditRecord } from '../audit/audit.repository.js';
import type { DatabaseHandle, DatabaseOrTransaction } from '../db/client.js';
import { InjectDatabase } from '../db/database.module.js';
import {
  columnList,
  columnValues,
  type PreparedStatement,
  placeholdersFor,
  placeholderValues,
  prepareStatement,
  unnestColumns,
} from '../db/prepared.js';
import {
  assignments,
  auditLog,
  calls,
  idempotencyKeys,
  slaClocks,
  staff,
  ticketEvents,
  ticketSequences,
  tickets,
} from '../db/schema/index.js';
import { clockAtRisk } from '../sla/sla-clock-row.js';

export type TicketRow = typeof tickets.$inferSelect;
export type NewTicket = typeof tickets.$inferInsert;
export type TicketEventRow = typeof ticketEvents.$inferSelect;
export interface NewTimelineEntry {
  ticketId: string;
  actorId: string | null;
  kind: TimelineKind;
  data?: Record<string, unknown>;
  at?: Date;
}

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
    arrivalFlag: null,
    restoredAt: null,
    completedAt: null,
    closedAt: null,
    nextDueAt: null,
    ...d,
  };
}

/**
 * What a new order's nextDueAt is: the due time of its running clocks closest to breach (not stopped, paused or
 * exempt). The same rule as the triggers that keep it afterwards (migration 0013_ticket_next_due).
 */
function nearestRunningDue(clocks: NewOrder['clocks']): Date | null {
  let nearest: Date | null = null;
  for (const c of clocks) {
    if (c.stoppedAt || c.state === 'paused' || c.state === 'exempt') continue;
    if (!nearest || c.dueAt < nearest) nearest = c.dueAt;
  }
  return nearest;
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

/** What a new order is written with (TicketsRepository.insertNew). */
export interface NewOrder {
  ticket: TicketRow;
  /** The order's local day, which its number counts in. */
  day: string;
  clocks: (typeof slaClocks.$inferInsert)[];
  events: NewOrderEvent[];
  audit: AuditRecord;
  callLink?: { callId: string; outcome: 'new_ticket' | 'follow_up' };
  idempotency?: { userId: string; key: string };
}

export type InsertOutcome =
  | { kind: 'created'; row: TicketRow }
  /** The idempotency key was used before: the order it created. */
  | { kind: 'duplicate'; ticketId: string }
  | { kind: 'no_call' };

const { number: _number, ...TICKET_COLUMNS } = getTableColumns(tickets);
const CLOCK_COLUMNS = getTableColumns(slaClocks);
const { ticketId, actorId, kind, data, at } = getTableColumns(ticketEvents);
const EVENT_COLUMNS = { ticketId, actorId, kind, data, at };
const IDEMPOTENCY_PK = 'idempotency_keys_user_id_key_pk';
/** SQLSTATE the create statement raises (raise_error, migration 0011) when the call to link does not exist. */
const NO_CALL = 'GD404';

/** A clock as read beside its order (clocksOf): the columns the API shape needs. */
export interface StoredClock {
  kind: (typeof slaClocks.$inferSelect)['kind'];
  clock: Record<string, unknown>;
  dueAt: string;
  warningAt: string | null;
}
export type TicketWithClocks = TicketRow & { clocks: StoredClock[] };

/** The order's clocks as a JSON array, so an order and its clocks come back in one query. */
export const clocksOf = sql<StoredClock[]>`(select coalesce(json_agg(json_build_object('kind', c.kind,
  'clock', c.clock, 'dueAt', c.due_at, 'warningAt', c.warning_at)), '[]') from ${slaClocks} c
  where c.ticket_id = ${tickets.id})`;

/** Statuses in which an order still waits for someone (completed waits only for the callback). */
const NOT_OPEN: TicketStatus[] = [...FINAL_STATUSES, 'completed'];

/** The most open orders a screen pop lists (the newest). */
export const OPEN_FOR_CALLER_LIMIT = 20;

/**
 * Open orders of a customer or reported from a phone number (calls linked to orders): the screen pop's. = any(array(…)):
 * the few candidates first (two index lookups), then each order by its key (an IN or an OR here can turn into a scan
 * of every open order when the statistics lag, or in a prepared statement's generic plan). A null customer: by phone
 * only.
 */
export function openForCallerWhere(customerId: SQL, phone: SQL) {
  return and(
    notInArray(tickets.status, NOT_OPEN),
    sql`${tickets.id} = any(array(select ${tickets.id} from ${tickets} where ${tickets.customerId} = ${customerId}
      union select ${calls.ticketId} from ${calls} where ${calls.phone} = ${phone} and ${calls.ticketId} is not null))`,
  );
}

export interface TicketFilter {
  status?: TicketStatus[];
  type?: string[];
  firstResponderId?: string;
  ownerId?: string;
  /** Orders whose first responder or owner is a member of this team. */
  team?: string;
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

/**
 * The order's first responder or owner is in `team`. = any(array(…)): the members are read once, then each side is
 * an index lookup (an IN over a subquery under OR is a filter on every row).
 */
function inTeam(team: string) {
  const members = sql`array(select ${staff.id} from ${staff} where ${staff.team} = ${team})`;
  return or(sql`${tickets.firstResponderId} = any(${members})`, sql`${tickets.ownerId} = any(${members})`);
}

@Injectable()
export class TicketsRepository {
  private readonly create: PreparedStatement<{ number: string }>;
  private readonly createWithKey: PreparedStatement<{ number: string }>;
  /** local day → its counter base (see dayBase). */
  private readonly dayBases = new Map<string, Promise<number>>();

  private readonly openForCallerQuery;

  constructor(@InjectDatabase() private readonly database: DatabaseHandle) {
    this.create = this.prepareCreate(false);
    this.createWithKey = this.prepareCreate(true);
    this.openForCallerQuery = database.db
      .select({ ...getTableColumns(tickets), clocks: clocksOf })
      .from(tickets)
      .where(
        openForCallerWhere(sql`${sql.placeholder('customerId')}::uuid`, sql`${sql.placeholder('phone')}`),
      )
      .orderBy(desc(tickets.createdAt))
      .limit(OPEN_FOR_CALLER_LIMIT)
      .prepare('open_for_caller');
  }

  findById(db: DatabaseOrTransaction, id: string) {
    return db.query.tickets.findFirst({ where: eq(tickets.id, id) });
  }

  findByNumber(db: DatabaseOrTransaction, number: string) {
    return db.query.tickets.findFirst({ where: eq(tickets.number, number) });
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
   * Writes a new order in one statement, so nothing is half-written and there is no transaction to open: the
   * idempotency key, the order with its number, its clocks, its timeline entries, the audit record (its `after`
   * gets the number) and the link from the call that opened it. The statement is prepared once (one text for any
   * number of clocks and entries). A key used before fails the statement on its primary key (a concurrent one waits
   * for the first to commit): the first order's id is returned instead. A call that does not exist fails it too.
   */
  async insertNew(p: NewOrder): Promise<InsertOutcome> {
    const statement = p.idempotency ? this.createWithKey : this.create;
    const base = await this.dayBase(p.day);
    const ticket = { ...p.ticket, nextDueAt: nearestRunningDue(p.clocks) };
    try {
      const [out] = await statement({
        ...placeholderValues(TICKET_COLUMNS, 't_', ticket),
        numberPrefix: formatTicketNumber(p.day, 0).slice(0, -6),
        dayBase: base,
        ...columnValues(CLOCK_COLUMNS, 'c_', p.clocks),
        ...columnValues(EVENT_COLUMNS, 'e_', p.events),
        e_numbered: p.events.map((e) => e.withNumber === true),
        ...placeholderValues(AUDIT_COLUMNS, 'a_', { ...p.audit, after: p.audit.after ?? {} }),
        call_id: p.callLink?.callId ?? null,
        call_outcome: p.callLink?.outcome ?? null,
        key_user_id: p.idempotency?.userId ?? null,
        key: p.idempotency?.key ?? null,
      });
      return { kind: 'created', row: { ...ticket, number: out!.number } };
    } catch (err) {
      // drizzle wraps the driver's error: its SQLSTATE and constraint are on the cause.
      const e = ((err as { cause?: unknown }).cause ?? err) as { code?: string; constraint?: string };
      if (p.idempotency && e.code === '23505' && e.constraint === IDEMPOTENCY_PK) {
        const first = await this.idempotentTicketId(
          this.database.db,
          p.idempotency.userId,
          p.idempotency.key,
        );
        if (first) return { kind: 'duplicate', ticketId: first };
      }
      if (e.code === NO_CALL) return { kind: 'no_call' };
      throw err;
    }
  }

  /**
   * The counter value before the day's first number (see ticketSequences): read once per day by each node. The
   * first node to ask sets it; a day begun under the former per-day counter goes on from its `last`.
   */
  private dayBase(day: string): Promise<number> {
    let base = this.dayBases.get(day);
    if (!base) {
      // One read per day and node, however many orders ask at once; a failed read is asked again.
      base = this.readDayBase(day);
      base.catch(() => this.dayBases.delete(day));
      if (this.dayBases.size > 7) this.dayBases.clear();
      this.dayBases.set(day, base);
    }
    return base;
  }

  private async readDayBase(day: string): Promise<number> {
    const result = (await this.database.db.execute(sql`
      insert into ${ticketSequences} (day, last, base) values (${day}, 0, nextval('ticket_numbers'))
      on conflict (day) do update
        set base = coalesce(${ticketSequences.base}, nextval('ticket_numbers') - ${ticketSequences.last})
      returning base`)) as unknown as { rows: { base: string | number }[] };
    return Number(result.rows[0]!.base);
  }

  private prepareCreate(withKey: boolean) {
    const db = this.database.db;
    const ph = (name: string) => sql`${sql.placeholder(name)}`;
    const number = sql`(select ${ph('numberPrefix')}::text
      || case when n >= 1000000 then n::text else lpad(n::text, 6, '0') end
      from (select nextval('ticket_numbers') - ${ph('dayBase')}::bigint as n) as next)`;
    const ticket = db
      .insert(tickets)
      .values({ ...placeholdersFor(TICKET_COLUMNS, 't_'), number })
      .returning({ number: tickets.number });
    const withNumber = (data: SQL) => sql`${data} || jsonb_build_object('number', (select number from t))`;
    const auditValues = placeholdersFor(AUDIT_COLUMNS, 'a_');
    const audit = db
      .insert(auditLog)
      .values({ ...auditValues, after: withNumber(sql`${auditValues.after}::jsonb`) });
    const callLink = db
      .update(calls)
      .set({ ticketId: ph('t_id'), outcome: ph('call_outcome') })
      .where(eq(calls.id, ph('call_id')))
      .returning({ id: calls.id });
    const key = db
      .insert(idempotencyKeys)
      .values({ userId: ph('key_user_id'), key: ph('key'), ticketId: ph('t_id') });
    const ctes = [
      ...(withKey ? [sql`k as (${key.getSQL()})`] : []),
      sql`t as (${ticket.getSQL()})`,
      sql`c as (insert into ${slaClocks} ${columnList(CLOCK_COLUMNS)}
        select * from ${unnestColumns(CLOCK_COLUMNS, 'c_', 'v')})`,
      sql`e as (insert into ${ticketEvents} ${columnList(EVENT_COLUMNS)}
        select v.ticket_id, v.actor_id, v.kind, case when v.numbered then ${withNumber(sql`v.data`)} else v.data end, v.at
        from ${unnestColumns(EVENT_COLUMNS, 'e_', 'v', { numbered: 'boolean' })})`,
      sql`a as (${audit.getSQL()})`,
      sql`l as (${callLink.getSQL()})`,
    ];
    return prepareStatement<{ number: string }>(
      db,
      withKey ? 'ticket_create_idempotent' : 'ticket_create',
      sql`with ${sql.join(ctes, sql`, `)}
        select (select number from t) as number,
          case when ${ph('call_id')}::uuid is not null and not exists (select 1 from l)
            then raise_error(${NO_CALL}, 'no call ' || ${ph('call_id')}::text) end as call_checked`,
    );
  }

  async idempotentTicketId(db: DatabaseOrTransaction, userId: string, key: string) {
    const row = await db.query.idempotencyKeys.findFirst({
      where: and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)),
    });
    return row?.ticketId;
  }

  async addEvent(db: DatabaseOrTransaction, e: NewTimelineEntry) {
    await db.insert(ticketEvents).values({ ...e, data: e.data ?? {}, at: e.at ?? new Date() });
  }

  /** Many timeline entries in one statement (a batch of SLA escalations, the orders an emergency touched). */
  async addEvents(db: DatabaseOrTransaction, entries: readonly NewTimelineEntry[]) {
    if (entries.length === 0) return;
    const now = new Date();
    await db.insert(ticketEvents).values(entries.map((e) => ({ ...e, data: e.data ?? {}, at: e.at ?? now })));
  }

  /** Whether this crew was ever sent to the order (its assignments, released ones included). */
  async wasAssigned(db: DatabaseOrTransaction, ticketId: string, crewId: string): Promise<boolean> {
    const [row] = await db
      .select({ id: assignments.id })
      .from(assignments)
      .where(and(eq(assignments.ticketId, ticketId), eq(assignments.crewId, crewId)))
      .limit(1);
    return row !== undefined;
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
      f.team ? inTeam(f.team) : undefined,
      f.crewId ? eq(tickets.crewId, f.crewId) : undefined,
      f.customerId ? eq(tickets.customerId, f.customerId) : undefined,
      f.zoneClass ? eq(tickets.zoneClass, f.zoneClass as 'urban') : undefined,
      f.district ? eq(tickets.district, f.district) : undefined,
      f.parentId ? eq(tickets.parentId, f.parentId) : undefined,
      f.open ? notInArray(tickets.status, NOT_OPEN) : undefined,
      f.breaching
        ? sql`exists (select 1 from ${slaClocks} c where c.ticket_id = ${tickets.id}
            and ${clockAtRisk('c', sql`now()`)})`
        : undefined,
    );
    const [items, [total]] = await Promise.all([
      db
        .select()
        .from(tickets)
        .where(where)
        .orderBy(sql`${tickets.nextDueAt} asc nulls last`, desc(tickets.createdAt), desc(tickets.id))
        .limit(f.pageSize)
        .offset((f.page - 1) * f.pageSize),
      db.select({ n: count() }).from(tickets).where(where),
    ]);
    return { items, total: Number(total?.n ?? 0) };
  }

  /**
   * Open orders of a customer, or reported from this phone number (calls linked to orders), each with its clocks:
   * the screen pop of every call. The candidates come from two index lookups (orders by customer, calls by phone)
   * rather than an OR the planner cannot index; prepared once (the customer may be null: then by phone only).
   */
  openForCaller(customerId: string | null, phone: string): Promise<TicketWithClocks[]> {
    return this.openForCallerQuery.execute({ customerId, phone });
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
}

export type TicketWhere = SQL | undefined;
