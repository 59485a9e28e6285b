import { Injectable } from '@nestjs/common';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../db/client.js';
import { settings, slaClocks } from '../db/schema/index.js';

@Injectable()
export class DispatchRepository {
  /** When the order's arrival clock is due, if it still runs. */
  async arrivalDueAt(db: DatabaseOrTransaction, ticketId: string): Promise<Date | null> {
    const [row] = await db
      .select({ dueAt: slaClocks.dueAt })
      .from(slaClocks)
      .where(
        and(eq(slaClocks.ticketId, ticketId), eq(slaClocks.kind, 'arrival'), isNull(slaClocks.stoppedAt)),
      );
    return row?.dueAt ?? null;
  }

  async getSetting<T>(db: DatabaseOrTransaction, key: string): Promise<T | undefined> {
    const [row] = await db.select().from(settings).where(eq(settings.key, key));
    return row?.value as T | undefined;
  }

  async putSetting(db: DatabaseOrTransaction, key: string, value: unknown, userId: string | null) {
    await db
      .insert(settings)
      .values({ key, value, updatedBy: userId, updatedAt: new Date() })
      .onConflictDoUpdate({
        target: settings.key,
        set: { value: sql`excluded.value`, updatedBy: userId, updatedAt: new Date() },
      });
  }
}
