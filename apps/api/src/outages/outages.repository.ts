import type { LatLng } from '@gd/domain';
import { Injectable } from '@nestjs/common';
import { and, desc, eq, gte, isNull, lte, or, sql } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../db/client.js';
import { outages } from '../db/schema/index.js';

export type OutageRow = typeof outages.$inferSelect;
export type NewOutage = typeof outages.$inferInsert;

/** How long this node serves the active outages from memory (another node's change shows within this). */
export const ACTIVE_OUTAGES_TTL_MS = 2_000;
/** After this node changes an outage, it reads the database directly for this long (the change may not be committed yet). */
const BYPASS_AFTER_WRITE_MS = 5_000;

@Injectable()
export class OutagesRepository {
  /** The outages in force or planned (status active), for the screen pop and new fault orders on every call. */
  private active: { rows: Promise<OutageRow[]>; loadedAt: number } | null = null;
  private bypassUntil = 0;

  async insert(db: DatabaseOrTransaction, row: NewOutage) {
    this.changed();
    const [created] = await db.insert(outages).values(row).returning();
    this.changed();
    return created!;
  }

  private changed() {
    this.active = null;
    this.bypassUntil = Date.now() + BYPASS_AFTER_WRITE_MS;
  }

  /**
   * Like `list` with `active: true`, from a short per-node cache of all active outages (a handful) filtered in
   * memory: calls and new fault orders ask on every request.
   */
  async activeAt(db: DatabaseOrTransaction, at: LatLng | undefined, now: Date): Promise<OutageRow[]> {
    const t = Date.now();
    if (t < this.bypassUntil) return this.list(db, { active: true, at, now });
    if (!this.active || t - this.active.loadedAt > ACTIVE_OUTAGES_TTL_MS) {
      // execute(): a query builder is a lazy thenable that runs again on every await.
      const rows = db
        .select()
        .from(outages)
        .where(eq(outages.status, 'active'))
        .orderBy(desc(outages.startsAt))
        .execute();
      this.active = { rows, loadedAt: t };
      rows.catch(() => {
        if (this.active?.rows === rows) this.active = null;
      });
    }
    const rows = await this.active.rows;
    return rows
      .filter(
        (o) =>
          o.startsAt <= now &&
          (o.endsAt === null || o.endsAt >= now) &&
          (!at || (at.lat >= o.minLat && at.lat <= o.maxLat && at.lng >= o.minLng && at.lng <= o.maxLng)),
      )
      .slice(0, 200);
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
    this.changed();
    const [row] = await db
      .update(outages)
      .set({ status: 'restored', restoredAt: at })
      .where(and(eq(outages.id, id), eq(outages.status, 'active')))
      .returning();
    this.changed();
    return row;
  }
}
