import { Injectable } from '@nestjs/common';
import {
  type AnyColumn,
  asc,
  count,
  desc,
  eq,
  getTableColumns,
  ilike,
  like,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import type { DatabaseHandle, DatabaseOrTransaction } from '../db/client.js';
import { InjectDatabase } from '../db/database.module.js';
import { customers } from '../db/schema/index.js';

export type CustomerRow = typeof customers.$inferSelect;
export type NewCustomer = typeof customers.$inferInsert;

/** The most matches a search ranks and counts (see CustomersRepository.search). */
export const SEARCH_CAP = 200;

type Ranked = Record<'name' | 'address' | 'accountNo' | 'phone' | 'id', AnyColumn>;

/** Escapes LIKE wildcards so user text matches literally. */
const literal = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

@Injectable()
export class CustomersRepository {
  // Every call and every new order looks its customer up: prepared once (see prepareStatement).
  private readonly byId;
  private readonly byPhone;

  constructor(@InjectDatabase() database: DatabaseHandle) {
    const { db } = database;
    this.byId = db
      .select()
      .from(customers)
      .where(eq(customers.id, sql.placeholder('id')))
      .limit(1)
      .prepare('customer_by_id');
    this.byPhone = db
      .select()
      .from(customers)
      .where(eq(customers.phone, sql.placeholder('phone')))
      .orderBy(desc(customers.createdAt))
      .limit(1)
      .prepare('customer_by_phone');
  }

  async findById(id: string): Promise<CustomerRow | undefined> {
    return (await this.byId.execute({ id }))[0];
  }

  /** The newest customer registered with this (normalised) phone number. */
  async findByPhone(phone: string): Promise<CustomerRow | undefined> {
    return (await this.byPhone.execute({ phone }))[0];
  }

  async insert(db: DatabaseOrTransaction, row: NewCustomer) {
    const [created] = await db.insert(customers).values(row).returning();
    return created!;
  }

  /**
   * By number: the normalised phone, the account number or its prefix (4+ digits), the phone's last digits (4+);
   * or by text: names and addresses containing the text (ILIKE on the trigram indexes; a one- or two-character
   * text has no trigram inside it, so it matches names starting with it, which the trigram index serves), and when
   * nothing contains the text, similar names (pg_trgm `%`, the fuzzy fallback). Best match first.
   *
   * At most SEARCH_CAP matches are ranked and counted: a broad text (a district, a surname) returns the best of the
   * first SEARCH_CAP it finds, and `total` then is a lower bound (`totalCapped`).
   */
  async search(
    db: DatabaseOrTransaction,
    q: { phone?: string | null; digits?: string; text?: string },
    page: { limit: number; offset: number },
  ): Promise<{ items: CustomerRow[]; total: number; totalCapped: boolean }> {
    if (q.digits !== undefined) {
      const d = q.digits;
      const where = or(
        q.phone ? eq(customers.phone, q.phone) : undefined,
        eq(customers.accountNo, d),
        d.length >= 4 ? like(customers.accountNo, `${literal(d)}%`) : undefined,
        d.length >= 4
          ? sql`reverse(${customers.phone}) like ${`${literal([...d].reverse().join(''))}%`}`
          : undefined,
      );
      return this.ranked(
        db,
        where,
        (c) => [
          sql`(${or(q.phone ? eq(c.phone, q.phone) : undefined, eq(c.accountNo, d))}) desc`,
          asc(c.accountNo),
          asc(c.id),
        ],
        page,
      );
    }
    const text = q.text ?? '';
    const order = (c: Ranked) => [
      sql`(${c.name} = ${text}) desc`,
      sql`greatest(similarity(${c.name}, ${text}), similarity(${c.address}, ${text})) desc`,
      asc(c.name),
      asc(c.id),
    ];
    if ([...text].length < 3) {
      // No trigram inside one or two characters: names starting with them, in name order (exact name first),
      // straight from the name's byte-order index.
      const prefix = sql`${customers.name} collate "C" like ${`${literal(text)}%`}`;
      const items = await db
        .select()
        .from(customers)
        .where(prefix)
        .orderBy(sql`${customers.name} collate "C"`, asc(customers.id))
        .limit(page.limit)
        .offset(page.offset);
      if (items.length > 0 || page.offset > 0)
        return { items, ...(await this.total(db, prefix, page, items)) };
    } else {
      const contains = or(
        ilike(customers.name, `%${literal(text)}%`),
        ilike(customers.address, `%${literal(text)}%`),
      );
      const found = await this.ranked(db, contains, order, page);
      if (found.total > 0 || page.offset > 0) return found;
    }
    return this.ranked(db, sql`${customers.name} % ${text}`, order, page);
  }

  /** One page of the matches (at most SEARCH_CAP of them, ranked), counted up to SEARCH_CAP in the same query. */
  private async ranked(
    db: DatabaseOrTransaction,
    where: SQL | undefined,
    order: (c: Ranked) => SQL[],
    page: { limit: number; offset: number },
  ) {
    const candidates = db.$with('candidates').as(
      db
        .select()
        .from(customers)
        .where(where)
        .limit(SEARCH_CAP + 1),
    );
    const columns = Object.fromEntries(
      Object.keys(getTableColumns(customers)).map((k) => [k, candidates[k as keyof CustomerRow]]),
    ) as unknown as typeof candidates._.selectedFields;
    const rows = await db
      .with(candidates)
      .select({ ...columns, matches: sql<number>`count(*) over ()`.mapWith(Number) })
      .from(candidates)
      .orderBy(...order(candidates))
      .limit(page.limit)
      .offset(page.offset);
    const items = rows.map(({ matches: _, ...c }) => c as CustomerRow);
    if (rows.length > 0) {
      const n = rows[0]!.matches;
      return { items, total: Math.min(n, SEARCH_CAP), totalCapped: n > SEARCH_CAP };
    }
    return { items, ...(await this.total(db, where, page, items)) };
  }

  /** The number of matches up to SEARCH_CAP, without a count when the page shows they are fewer. */
  private async total(
    db: DatabaseOrTransaction,
    where: SQL | undefined,
    page: { limit: number; offset: number },
    items: unknown[],
  ): Promise<{ total: number; totalCapped: boolean }> {
    if (items.length > 0 && items.length < page.limit)
      return { total: page.offset + items.length, totalCapped: false };
    if (items.length === 0 && page.offset === 0) return { total: 0, totalCapped: false };
    const [row] = await db.select({ n: count() }).from(
      db
        .select({ one: sql`1` })
        .from(customers)
        .where(where)
        .limit(SEARCH_CAP + 1)
        .as('capped'),
    );
    const n = Number(row?.n ?? 0);
    return { total: Math.min(n, SEARCH_CAP), totalCapped: n > SEARCH_CAP };
  }
}
