import { Injectable } from '@nestjs/common';
import { and, desc, eq, gt, inArray, isNull, lt, or } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../db/client.js';
import { emergencies, slaClocks, tickets, zones } from '../db/schema/index.js';

export type EmergencyRow = typeof emergencies.$inferSelect;

@Injectable()
export class EmergenciesRepository {
  async insert(db: DatabaseOrTransaction, row: typeof emergencies.$inferInsert) {
    const [created] = await db.insert(emergencies).values(row).returning();
    return created!;
  }

  /** The emergency, locked until the transaction ends (two supervisors ending it at once: one wins). */
  async lock(db: DatabaseOrTransaction, id: string) {
    const [row] = await db.select().from(emergencies).where(eq(emergencies.id, id)).for('update');
    return row;
  }

  async setEnd(db: DatabaseOrTransaction, id: string, endsAt: Date) {
    const [row] = await db.update(emergencies).set({ endsAt }).where(eq(emergencies.id, id)).returning();
    return row!;
  }

  list(db: DatabaseOrTransaction, limit = 200) {
    return db.select().from(emergencies).orderBy(desc(emergencies.startsAt)).limit(limit);
  }

  /** Emergencies not over at `from` (every new order's clocks are started under those of its zone). */
  notOverAt(db: DatabaseOrTransaction, from: Date) {
    return db.select().from(emergencies).where(gt(emergencies.endsAt, from));
  }

  async knownZones(db: DatabaseOrTransaction, ids: string[]) {
    const rows = await db.select({ id: zones.id }).from(zones).where(inArray(zones.id, ids));
    return new Set(rows.map((r) => r.id));
  }

  /** Locks the clocks of orders in the zones whose life overlaps the window, with their order. */
  clocksInWindow(db: DatabaseOrTransaction, zoneIds: string[], startsAt: Date, endsAt: Date) {
    return db
      .select({ clock: slaClocks, ticket: tickets })
      .from(slaClocks)
      .innerJoin(tickets, eq(tickets.id, slaClocks.ticketId))
      .where(
        and(
          inArray(tickets.zoneId, zoneIds),
          lt(slaClocks.startedAt, endsAt),
          or(isNull(slaClocks.stoppedAt), gt(slaClocks.stoppedAt, startsAt)),
        ),
      )
      .for('update', { of: slaClocks });
  }
}
