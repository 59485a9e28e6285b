import { Injectable } from '@nestjs/common';
import { and, asc, desc, eq, gte, lte, sql } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../db/client.js';
import { crewPositions } from '../db/schema/index.js';
import type { CheckedPosition } from './positions.js';

export type PositionRow = typeof crewPositions.$inferSelect;

@Injectable()
export class GpsRepository {
  /** Appends fixes to the trail; a fix already stored for that crew and instant is skipped. Returns those stored. */
  async append(db: DatabaseOrTransaction, crewId: string, points: readonly CheckedPosition[]) {
    if (points.length === 0) return [];
    return db
      .insert(crewPositions)
      .values(points.map((p) => ({ crewId, ...p })))
      .onConflictDoNothing({ target: [crewPositions.crewId, crewPositions.recordedAt] })
      .returning({ recordedAt: crewPositions.recordedAt });
  }

  trail(db: DatabaseOrTransaction, crewId: string, from: Date, to: Date, limit: number) {
    return db
      .select()
      .from(crewPositions)
      .where(
        and(
          eq(crewPositions.crewId, crewId),
          gte(crewPositions.recordedAt, from),
          lte(crewPositions.recordedAt, to),
        ),
      )
      .orderBy(asc(crewPositions.recordedAt))
      .limit(limit);
  }

  /** The newest `limit` fixes recorded since `since`, oldest first. */
  async recent(db: DatabaseOrTransaction, crewId: string, since: Date, limit: number) {
    const rows = await db
      .select()
      .from(crewPositions)
      .where(and(eq(crewPositions.crewId, crewId), gte(crewPositions.recordedAt, since)))
      .orderBy(desc(crewPositions.recordedAt))
      .limit(limit);
    return rows.reverse();
  }

  async deleteOlderThan(db: DatabaseOrTransaction, cutoff: Date): Promise<number> {
    const result = (await db.execute(
      sql`delete from ${crewPositions} where ${crewPositions.recordedAt} < ${cutoff}`,
    )) as unknown as { rowCount?: number | null; affectedRows?: number };
    return Number(result.rowCount ?? result.affectedRows ?? 0);
  }

  /** Transaction-scoped advisory lock: true for the one transaction (on any node) that gets it. */
  async tryXactLock(db: DatabaseOrTransaction, key: number): Promise<boolean> {
    const result = (await db.execute(sql`select pg_try_advisory_xact_lock(${key}) as locked`)) as unknown as {
      rows: { locked: boolean }[];
    };
    return result.rows[0]?.locked === true;
  }
}
