import { Injectable } from '@nestjs/common';
import { and, asc, count, desc, eq, ilike, like, or, type SQL, sql } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../db/client.js';
import { customers } from '../db/schema/index.js';

export type CustomerRow = typeof customers.$inferSelect;
export type NewCustomer = typeof customers.$inferInsert;

/** Escapes LIKE wildcards so user text matches literally. */
const literal = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

@Injectable()
export class CustomersRepository {
  findById(db: DatabaseOrTransaction, id: string) {
    return db.query.customers.findFirst({ where: eq(customers.id, id) });
  }

  /** The newest customer registered with this (normalised) phone number. */
  findByPhone(db: DatabaseOrTransaction, phone: string) {
    return db.query.customers.findFirst({
      where: eq(customers.phone, phone),
      orderBy: desc(customers.createdAt),
    });
  }

  async insert(db: DatabaseOrTransaction, row: NewCustomer) {
    const [created] = await db.insert(customers).values(row).returning();
    return created!;
  }

  /**
   * By number (normalised phone, account number or its prefix) or by text: names and addresses containing the
   * text (ILIKE on the trigram indexes), plus similar names (pg_trgm `%`), best match first.
   */
  async search(
    db: DatabaseOrTransaction,
    q: { phone?: string | null; digits?: string; text?: string },
    page: { limit: number; offset: number },
  ) {
    let where: SQL | undefined;
    let order: SQL[];
    if (q.digits !== undefined) {
      where = or(
        q.phone ? eq(customers.phone, q.phone) : undefined,
        eq(customers.accountNo, q.digits),
        q.digits.length >= 4 ? like(customers.accountNo, `${literal(q.digits)}%`) : undefined,
      );
      order = [asc(customers.accountNo)];
    } else {
      const text = q.text ?? '';
      const pattern = `%${literal(text)}%`;
      where = or(
        ilike(customers.name, pattern),
        ilike(customers.address, pattern),
        sql`${customers.name} % ${text}`,
      );
      order = [
        sql`(${customers.name} = ${text}) desc`,
        sql`greatest(similarity(${customers.name}, ${text}), similarity(${customers.address}, ${text})) desc`,
        asc(customers.name),
        asc(customers.id),
      ];
    }
    const [items, [total]] = await Promise.all([
      db
        .select()
        .from(customers)
        .where(where)
        .orderBy(...order)
        .limit(page.limit)
        .offset(page.offset),
      db.select({ n: count() }).from(customers).where(and(where)),
    ]);
    return { items, total: Number(total?.n ?? 0) };
  }
}
