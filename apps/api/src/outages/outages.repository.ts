import type { LatLng } from '@gd/domain';
import { Injectable } from '@nestjs/common';
import { and, desc, eq, gte, isNull, lte, or, sql } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../db/client.js';
import { outages } from '../db/schema/index.js';

export type OutageRow = typeof outages.$inferSelect;
export type NewOutage = typeof outages.$inferInsert;

@Injectable()
export class OutagesRepository {
  async insert(db: DatabaseOrTransaction, row: NewOutage) {
    const [created] = await db.insert(outages).values(row).returning();
    return created!;
  }

  findById(db: DatabaseOrTransaction, id: string) {
    return db.query.outages.findFirst({ where: eq(outages.id, id) });
  }

  async lock(db: DatabaseOrTransaction, id: string) {
    const [row] = await db.select().from(outages).where(eq(outages.id, id)).for('update');
    return row;
  }

  /** Outages in force at `now` (or all when active is false), whose bounding box holds the point when given. */
  list(db: DatabaseOrTransaction, f: { active?: boolean; at?: LatLng; now: Date }) {
    return db
      .select()
      .from(outages)
      .where(
        and(
          f.active
            ? and(
                eq(outages.status, 'active'),
                lte(outages.startsAt, f.now),
                or(isNull(outages.endsAt), gte(outages.endsAt, f.now)),
              )
            : undefined,
          f.at ? sql`${f.at.lat} between ${outages.minLat} and ${outages.maxLat}` : undefined,
          f.at ? sql`${f.at.lng} between ${outages.minLng} and ${outages.maxLng}` : undefined,
        ),
      )
      .orderBy(desc(outages.startsAt))
      .limit(200);
  }

  activeWithMaster(db: DatabaseOrTransaction, masterTicketId: string) {
    return db.query.outages.findFirst({
      where: and(eq(outages.ticketId, masterTicketId), eq(outages.status, 'active')),
    });
  }

  async markRestored(db: DatabaseOrTransaction, id: string, at: Date) {
    const [row] = await db
      .update(outages)
      .set({ status: 'restored', restoredAt: at })
      .where(and(eq(outages.id, id), eq(outages.status, 'active')))
      .returning();
    return row;
  }
}
