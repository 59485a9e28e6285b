import { Injectable } from '@nestjs/common';
import { and, asc, count, desc, eq, getTableColumns, gte, inArray, lt, or, sql } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../db/client.js';
import { calls, crews, customers, messages, outages, tickets, wechatBindings } from '../db/schema/index.js';

export type MessageRow = typeof messages.$inferSelect;
export type NewMessage = typeof messages.$inferInsert;

/** Where a fan-out's last page ended: its last customer's place and id. */
export interface PlaceCursor {
  lat: number;
  lng: number;
  id: string;
}

/**
 * The outbox (its jobs are pg-boss's: message-queue.ts); also the few reads of other tables a message needs (who
 * to tell, a crew's name).
 */
@Injectable()
export class MessagesRepository {
  /** Writes messages; one whose dedupe key exists already is skipped (the same event seen twice). */
  insert(db: DatabaseOrTransaction, rows: NewMessage[]) {
    if (!rows.length) return Promise.resolve([]);
    return db
      .insert(messages)
      .values(rows)
      .onConflictDoNothing({ target: messages.dedupeKey })
      .returning({ id: messages.id, status: messages.status, nextAttemptAt: messages.nextAttemptAt });
  }

  /**
   * Takes a chunk of messages for sending, in one statement (the sending path's cost is its statements): each under
   * its own attempt's token (the worker's node and the job's attempt) until `leaseUntil`, counting the attempt, with
   * its customer's opt-out read in the same statement. Only messages still to send are taken (queued, failed, or
   * left `sending` by a node whose lease ran out: it died mid-send and pg-boss gave the job to another); not one
   * sent, suppressed or given up already, nor one another attempt holds. The rows taken.
   */
  claimMany(db: DatabaseOrTransaction, claims: { id: string; token: string }[], now: Date, leaseUntil: Date) {
    if (!claims.length) return Promise.resolve([]);
    const v = sql`(values ${sql.join(
      claims.map((c) => sql`(${c.id}::uuid, ${c.token}::text)`),
      sql`, `,
    )}) as v(id, token)`;
    return db
      .update(messages)
      .set({
        status: 'sending',
        claimedBy: sql`v.token`,
        claimedUntil: leaseUntil,
        attempts: sql`${messages.attempts} + 1`,
      })
      .from(v)
      .where(
        and(
          sql`${messages.id} = v.id`,
          or(
            inArray(messages.status, ['queued', 'failed']),
            and(eq(messages.status, 'sending'), lt(messages.claimedUntil, now)),
          ),
        ),
      )
      .returning({
        ...getTableColumns(messages),
        optOut: sql<boolean>`coalesce((select ${customers.messagesOptOut} from ${customers} where ${customers.id} = ${messages.customerId}), false)`,
      });
  }

  /** The statuses of some messages, by id (those a chunk's claim did not take). */
  async statuses(db: DatabaseOrTransaction, ids: string[]) {
    if (!ids.length) return new Map<string, MessageRow['status']>();
    const rows = await db
      .select({ id: messages.id, status: messages.status })
      .from(messages)
      .where(inArray(messages.id, ids));
    return new Map(rows.map((r) => [r.id, r.status]));
  }

  /**
   * `finish` as `sent` for a chunk of messages in one statement, each only if its attempt still holds it. The ids
   * written (a missing one was taken over by another node after its lease ran out).
   */
  async finishSent(
    db: DatabaseOrTransaction,
    rows: { id: string; token: string; sentAt: Date; provider: string; providerMessageId: string | null }[],
  ) {
    if (!rows.length) return new Set<string>();
    const v = sql`(values ${sql.join(
      rows.map(
        (r) =>
          sql`(${r.id}::uuid, ${r.token}::text, ${r.sentAt.toISOString()}::timestamptz, ${r.provider}::text, ${r.providerMessageId}::text)`,
      ),
      sql`, `,
    )}) as v(id, token, sent_at, provider, provider_message_id)`;
    const done = await db
      .update(messages)
      .set({
        status: 'sent',
        claimedBy: null,
        claimedUntil: null,
        sentAt: sql`v.sent_at`,
        provider: sql`v.provider`,
        providerMessageId: sql`v.provider_message_id`,
        error: null,
      })
      .from(v)
      .where(
        and(sql`${messages.id} = v.id`, sql`${messages.claimedBy} = v.token`, eq(messages.status, 'sending')),
      )
      .returning({ id: messages.id });
    return new Set(done.map((r) => r.id));
  }

  /** Messages still to send: what an outbox written before its jobs were pg-boss's holds (message-queue.ts). */
  pending(db: DatabaseOrTransaction) {
    return db
      .select({ id: messages.id, nextAttemptAt: messages.nextAttemptAt })
      .from(messages)
      .where(inArray(messages.status, ['queued', 'failed', 'sending']));
  }

  /** Outages in force or ahead: those whose messages may still be owed. */
  activeOutages(db: DatabaseOrTransaction) {
    return db.select().from(outages).where(eq(outages.status, 'active'));
  }

  /** Gives a message up (its job's retries are spent, e.g. every holder died mid-send); false if it had ended. */
  async markDead(db: DatabaseOrTransaction, id: string, error: string) {
    const rows = await db
      .update(messages)
      .set({ status: 'dead', error, claimedBy: null, claimedUntil: null })
      .where(and(eq(messages.id, id), inArray(messages.status, ['queued', 'failed', 'sending'])))
      .returning({ id: messages.id });
    return rows.length > 0;
  }

  /** Finishes a claimed message; false when this node no longer holds it (its lease ran out and another took it). */
  async finish(db: DatabaseOrTransaction, id: string, node: string, set: Partial<NewMessage>) {
    const rows = await db
      .update(messages)
      .set({ claimedBy: null, claimedUntil: null, ...set })
      .where(and(eq(messages.id, id), eq(messages.claimedBy, node), eq(messages.status, 'sending')))
      .returning({ id: messages.id });
    return rows.length > 0;
  }

  async sentTo(db: DatabaseOrTransaction, to: string, since: Date): Promise<number> {
    const [row] = await db
      .select({ n: count() })
      .from(messages)
      .where(and(eq(messages.to, to), eq(messages.status, 'sent'), gte(messages.sentAt, since)));
    return row?.n ?? 0;
  }

  list(
    db: DatabaseOrTransaction,
    f: { ticketId?: string; customerId?: string; statuses?: string[]; limit: number },
  ) {
    return db
      .select()
      .from(messages)
      .where(
        and(
          f.ticketId ? eq(messages.ticketId, f.ticketId) : undefined,
          f.customerId ? eq(messages.customerId, f.customerId) : undefined,
          f.statuses ? inArray(messages.status, f.statuses as MessageRow['status'][]) : undefined,
        ),
      )
      .orderBy(desc(messages.createdAt), desc(messages.id))
      .limit(f.limit);
  }

  /**
   * Where an order's message goes, in one round trip (it is on every new order's path): the phone of the first call
   * linked to the order, and its customer's phone and opt-out (nulls without a customer).
   */
  async recipient(
    db: DatabaseOrTransaction,
    ticketId: string,
    customerId: string | null,
  ): Promise<{ callerPhone: string | null; customerPhone: string | null; optOut: boolean | null }> {
    const result = (await db.execute(sql`
      select (select ${calls.phone} from ${calls} where ${calls.ticketId} = ${ticketId}
                order by ${calls.startedAt} asc limit 1) as caller_phone,
             c.phone as customer_phone, c.messages_opt_out as opt_out
      from (select 1) as one left join ${customers} c on c.id = ${customerId}::uuid`)) as unknown as {
      rows: { caller_phone: string | null; customer_phone: string | null; opt_out: boolean | null }[];
    };
    const row = result.rows[0];
    return {
      callerPhone: row?.caller_phone ?? null,
      customerPhone: row?.customer_phone ?? null,
      optOut: row?.opt_out ?? null,
    };
  }

  /** The WeChat follower a phone is bound to, if any. */
  async openidOf(db: DatabaseOrTransaction, phone: string): Promise<string | undefined> {
    const [row] = await db
      .select({ openid: wechatBindings.openid })
      .from(wechatBindings)
      .where(eq(wechatBindings.phone, phone));
    return row?.openid;
  }

  async outage(db: DatabaseOrTransaction, id: string) {
    const [row] = await db.select().from(outages).where(eq(outages.id, id));
    return row;
  }

  /** Sets a customer's opt-out; the ids changed. */
  async setOptOut(db: DatabaseOrTransaction, where: { id: string } | { phone: string }, optOut: boolean) {
    return db
      .update(customers)
      .set({ messagesOptOut: optOut })
      .where('id' in where ? eq(customers.id, where.id) : eq(customers.phone, where.phone))
      .returning({ id: customers.id });
  }

  async ticketNumber(db: DatabaseOrTransaction, id: string) {
    const [row] = await db.select({ number: tickets.number }).from(tickets).where(eq(tickets.id, id));
    return row?.number ?? null;
  }

  async crewName(db: DatabaseOrTransaction, id: string | null): Promise<string | null> {
    if (!id) return null;
    const [row] = await db.select({ name: crews.name }).from(crews).where(eq(crews.id, id));
    return row?.name ?? null;
  }

  /**
   * A page of the customers whose place lies in the box, in place order after `after` (the fan-out's cursor: the
   * last row of the page before). On the place index each page reads on from where the last stopped, so a whole
   * fan-out reads the box once, whatever the page size (by id, every page re-read the box to sort it).
   */
  customersInBox(
    db: DatabaseOrTransaction,
    box: { minLat: number; maxLat: number; minLng: number; maxLng: number },
    after: PlaceCursor | null,
    limit: number,
  ) {
    return db
      .select({
        id: customers.id,
        phone: customers.phone,
        lat: customers.lat,
        lng: customers.lng,
        optOut: customers.messagesOptOut,
      })
      .from(customers)
      .where(
        and(
          sql`${customers.lat} between ${box.minLat} and ${box.maxLat}`,
          sql`${customers.lng} between ${box.minLng} and ${box.maxLng}`,
          after
            ? sql`(${customers.lat}, ${customers.lng}, ${customers.id}) > (${after.lat}, ${after.lng}, ${after.id})`
            : undefined,
        ),
      )
      .orderBy(asc(customers.lat), asc(customers.lng), asc(customers.id))
      .limit(limit);
  }

  /** New orders of the window with no acceptance message: what a node that died right after creating them missed. */
  async ordersWithoutAcceptance(db: DatabaseOrTransaction, from: Date, to: Date, limit: number) {
    return db
      .select()
      .from(tickets)
      .where(
        and(
          gte(tickets.createdAt, from),
          lt(tickets.createdAt, to),
          sql`not exists (select 1 from ${messages} m where m.dedupe_key = 'ticket:' || ${tickets.id}::text || ':order_accepted')`,
        ),
      )
      .limit(limit);
  }
}
