import { Injectable } from '@nestjs/common';
import { and, asc, desc, eq, gt, isNull, or, sql } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../db/client.js';
import {
  assignments,
  calls,
  crews,
  customers,
  outages,
  tickets,
  verificationCodes,
  wechatBindings,
} from '../db/schema/index.js';

/** The reads behind the public pages, each limited to what they may show, and the one-time codes. */
@Injectable()
export class PublicRepository {
  async ticketByNumber(db: DatabaseOrTransaction, number: string) {
    const [row] = await db.select().from(tickets).where(eq(tickets.number, number));
    return row;
  }

  /** Every phone an order may be followed with: its callers' and its customer's. */
  async phonesOf(db: DatabaseOrTransaction, ticketId: string, customerId: string | null) {
    const rows = await db.select({ phone: calls.phone }).from(calls).where(eq(calls.ticketId, ticketId));
    const phones = rows.map((r) => r.phone);
    if (customerId) {
      const [c] = await db
        .select({ phone: customers.phone })
        .from(customers)
        .where(eq(customers.id, customerId));
      if (c) phones.push(c.phone);
    }
    return phones;
  }

  /** Whether the order came in through the public side (a `web` call: /report or Open311). */
  async isPublicReport(db: DatabaseOrTransaction, ticketId: string) {
    const [row] = await db
      .select({ id: calls.id })
      .from(calls)
      .where(and(eq(calls.ticketId, ticketId), eq(calls.channel, 'web')))
      .limit(1);
    return !!row;
  }

  /** The crew working the order now (its newest open assignment), with its last position. */
  async activeCrew(db: DatabaseOrTransaction, ticketId: string) {
    const [row] = await db
      .select({
        name: crews.name,
        etaMinutes: assignments.etaMinutes,
        assignedAt: assignments.assignedAt,
        lat: crews.lastLat,
        lng: crews.lastLng,
      })
      .from(assignments)
      .innerJoin(crews, eq(crews.id, assignments.crewId))
      .where(and(eq(assignments.ticketId, ticketId), isNull(assignments.releasedAt)))
      .orderBy(desc(assignments.assignedAt))
      .limit(1);
    return row;
  }

  async outageRestoreAt(db: DatabaseOrTransaction, outageId: string) {
    const [row] = await db
      .select({ at: outages.estimatedRestoreAt })
      .from(outages)
      .where(eq(outages.id, outageId));
    return row?.at ?? null;
  }

  /** Outages in force or still to come (planned), newest first. */
  activeOutages(db: DatabaseOrTransaction, now: Date) {
    return db
      .select()
      .from(outages)
      .where(and(eq(outages.status, 'active'), or(isNull(outages.endsAt), gt(outages.endsAt, now))))
      .orderBy(asc(outages.startsAt))
      .limit(500);
  }

  async codesSince(db: DatabaseOrTransaction, phone: string, since: Date) {
    const [row] = await db
      .select({ n: sql<number>`count(*)::int`, last: sql<Date | null>`max(${verificationCodes.createdAt})` })
      .from(verificationCodes)
      .where(and(eq(verificationCodes.phone, phone), gt(verificationCodes.createdAt, since)));
    return { count: row?.n ?? 0, last: row?.last ? new Date(row.last) : null };
  }

  async insertCode(db: DatabaseOrTransaction, row: typeof verificationCodes.$inferInsert) {
    const [created] = await db.insert(verificationCodes).values(row).returning();
    return created!;
  }

  /** The phone's newest unused, unexpired code, locked (two reports racing on one code: only one wins). */
  async lockLatestCode(db: DatabaseOrTransaction, phone: string, now: Date) {
    const [row] = await db
      .select()
      .from(verificationCodes)
      .where(
        and(
          eq(verificationCodes.phone, phone),
          isNull(verificationCodes.usedAt),
          gt(verificationCodes.expiresAt, now),
        ),
      )
      .orderBy(desc(verificationCodes.createdAt))
      .limit(1)
      .for('update');
    return row;
  }

  async updateCode(
    db: DatabaseOrTransaction,
    id: string,
    set: Partial<typeof verificationCodes.$inferInsert>,
  ) {
    await db.update(verificationCodes).set(set).where(eq(verificationCodes.id, id));
  }

  /** A phone's WeChat follower, replacing any earlier one. */
  bindWechat(db: DatabaseOrTransaction, phone: string, openid: string) {
    return db
      .insert(wechatBindings)
      .values({ phone, openid })
      .onConflictDoUpdate({ target: wechatBindings.phone, set: { openid, boundAt: new Date() } });
  }
}
