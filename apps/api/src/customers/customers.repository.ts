import { Injectable } from '@nestjs/common';
import {
  type AnyColumn,
  and,
  asc,
  between,
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
import type { Database, DatabaseHandle, DatabaseOrTransaction } from '../db/client.js';
import { InjectDatabase } from '../db/database.module.js';
import { customers } from '../db/schema/index.js';

export type CustomerRow = typeof customers.$inferSelect;
export type NewCustomer = typeof customers.$inferInsert;

/** The most matches a search ranks and counts (see CustomersRepository.search). */
export const SEARCH_CAP = 200;

type Ranked = Record<'name' | 'address' | 'accountNo' | 'phone' | 'id', AnyColumn>;

/**
 * The name of a statement built once in the app but planned by Postgres on every run (an unnamed statement): for
 * queries whose best plan depends on the values (a LIKE prefix, a trigram pattern).
 */
const PLANNED_EACH_RUN = '';

/** Escapes LIKE wildcards so user text matches literally. */
const literal = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

@Injectable()
export class CustomersRepository {
  // Every call and every new order looks its customer up: prepared once (see prepareStatement).
  private readonly byId;
  private readonly byPhone;

  constructor(@InjectDatabase() private readonly database: DatabaseHandle) {
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
      .orderBy(desc(customers.createdAt), desc(customers.id))
      .limit(1)
      .prepare('customer_by_phone');
    this.searches = this.prepareSearches(db);
  }

  async findById(id: string): Promise<CustomerRow | undefined> {
    return (await this.byId.execute({ id }))[0];
  }

  /** The newest customer registered with this (normalised) phone number. */
  async findByPhone(phone: string): Promise<CustomerRow | undefined> {
    return (await this.byPhone.execute({ phone }))[0];
  }

  /** The places of the customers inside a bounding box (an area's: the caller keeps those inside the area). */
  placesInBox(box: { minLat: number; maxLat: number; minLng: number; maxLng: number }) {
    return this.database.db
      .select({ lat: customers.lat, lng: customers.lng })
      .from(customers)
      .where(
        and(between(customers.lat, box.minLat, box.maxLat), between(customers.lng, box.minLng, box.maxLng)),
      );
  }

  /** Reads the customer and locks the row until the transaction ends (a correction goes through this). */
  async lock(db: DatabaseOrTransaction, id: string): Promise<CustomerRow | undefined> {
    const [row] = await db.select().from(customers).where(eq(customers.id, id)).for('update');
    return row;
  }

  async update(db: DatabaseOrTransaction, id: string, patch: Partial<NewCustomer>): Promise<CustomerRow> {
    const [row] = await db.update(customers).set(patch).where(eq(customers.id, id)).returning();
    return row!;
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
    q: { phone?: string | null; digits?: string; text?: string },
    page: { limit: number; offset: number },
  ): Promise<{ items: CustomerRow[]; total: number; totalCapped: boolean }> {
    const { byNumber, namePrefix, containing, similar } = this.searches;
    if (q.digits !== undefined) {
      const d = q.digits;
      return this.run(
        byNumber,
        {
          phone: q.phone ?? null,
          digits: d,
          accountPrefix: d.length >= 4 ? `${literal(d)}%` : null,
          phoneSuffix: d.length >= 4 ? `${literal([...d].reverse().join(''))}%` : null,
        },
        page,
      );
    }
    const text = q.text ?? '';
    if ([...text].length < 3) {
      // No trigram inside one or two characters: names starting with them, in name order (exact name first),
      // straight from the name's byte-order index.
      const found = await this.run(namePrefix, { prefix: `${literal(text)}%` }, page);
      if (found.total > 0 || page.offset > 0) return found;
    } else {
      const found = await this.run(containing, { pattern: `%${literal(text)}%`, text }, page);
      if (found.total > 0 || page.offset > 0) return found;
    }
    return this.run(similar, { text }, page);
  }

  /**
   * The search statements, each built once (searches come with every call an agent takes): planned by Postgres on
   * each run (an unnamed statement), so each pattern gets the plan that fits it (a prefix on its index).
   */
  private readonly searches;

  private prepareSearches(db: Database) {
    const ph = (name: string) => sql`${sql.placeholder(name)}`;
    const byText = (c: Ranked) => [
      sql`(${c.name} = ${ph('text')}) desc`,
      sql`greatest(similarity(${c.name}, ${ph('text')}), similarity(${c.address}, ${ph('text')})) desc`,
      asc(c.name),
      asc(c.id),
    ];
    const byNumber = or(
      eq(customers.phone, ph('phone')),
      eq(customers.accountNo, ph('digits')),
      like(customers.accountNo, ph('accountPrefix')),
      sql`reverse(${customers.phone}) like ${ph('phoneSuffix')}`,
    );
    const namePrefix = sql`${customers.name} collate "C" like ${ph('prefix')}`;
    const containing = or(ilike(customers.name, ph('pattern')), ilike(customers.address, ph('pattern')));
    return {
      byNumber: this.searchStatements(db, byNumber, (c) => [
        sql`(${c.phone} = ${ph('phone')} or ${c.accountNo} = ${ph('digits')}) desc`,
        asc(c.accountNo),
        asc(c.id),
      ]),
      // The first SEARCH_CAP names in name order (the index's), not any SEARCH_CAP of them.
      namePrefix: this.searchStatements(db, namePrefix, (c) => [sql`${c.name} collate "C"`, asc(c.id)], [
        sql`${customers.name} collate "C"`,
        asc(customers.id),
      ]),
      containing: this.searchStatements(db, containing, byText),
      similar: this.searchStatements(db, sql`${customers.name} % ${ph('text')}`, byText),
    };
  }

  /**
   * For one kind of match: a page of the matches (at most SEARCH_CAP of them, ranked) counted up to SEARCH_CAP in
   * the same query, and the count alone (for a page past the last match).
   */
  private searchStatements(
    db: Database,
    where: SQL | undefined,
    order: (c: Ranked) => SQL[],
    candidateOrder: SQL[] = [],
  ) {
    const candidates = db.$with('candidates').as(
      db
        .select()
        .from(customers)
        .where(where)
        .orderBy(...candidateOrder)
        .limit(SEARCH_CAP + 1),
    );
    const columns = Object.fromEntries(
      Object.keys(getTableColumns(customers)).map((k) => [k, candidates[k as keyof CustomerRow]]),
    ) as unknown as typeof candidates._.selectedFields;
    const page = db
      .with(candidates)
      .select({ ...columns, matches: sql<number>`count(*) over ()`.mapWith(Number) })
      .from(candidates)
      .orderBy(...order(candidates))
      .limit(sql.placeholder('limit'))
      .offset(sql.placeholder('offset'))
      .prepare(PLANNED_EACH_RUN);
    const total = db
      .select({ n: count() })
      .from(
        db
          .select({ one: sql`1` })
          .from(customers)
          .where(where)
          .limit(SEARCH_CAP + 1)
          .as('capped'),
      )
      .prepare(PLANNED_EACH_RUN);
    return { page, total };
  }

  private async run(
    statements: ReturnType<CustomersRepository['searchStatements']>,
    values: Record<string, unknown>,
    page: { limit: number; offset: number },
  ): Promise<{ items: CustomerRow[]; total: number; totalCapped: boolean }> {
    const rows = await statements.page.execute({ ...values, ...page });
    const items = rows.map(({ matches: _, ...c }) => c as CustomerRow);
    let n: number;
    if (rows.length > 0) n = rows[0]!.matches;
    else if (page.offset === 0) n = 0;
    else n = Number((await statements.total.execute(values))[0]?.n ?? 0);
    return { items, total: Math.min(n, SEARCH_CAP), totalCapped: n > SEARCH_CAP };
  }
}
