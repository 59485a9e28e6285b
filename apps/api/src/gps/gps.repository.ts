import { Injectable } from '@nestjs/common';
import { and, asc, desc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../db/client.js';
import { crewPositions, crews } from '../db/schema/index.js';
import type { CheckedPosition } from './positions.js';

export type PositionRow = typeof crewPositions.$inferSelect;
/** What ingestion needs of a crew row: its rooms, whether it is on an order, and its live marker's time. */
export type CrewLiveRow = {
  id: string;
  district: string | null;
  ticketId: string | null;
  lastAt: Date | null;
};

@Injectable()
export class GpsRepository {
  /**
   * Locks these crews' rows in id order (so concurrent batches on several nodes cannot deadlock) and returns what
   * ingestion needs of them; a crew that does not exist is missing from the result, and with skipLocked so is one
   * whose row another transaction holds.
   */
  lockLive(
    db: DatabaseOrTransaction,
    crewIds: readonly string[],
    skipLocked = false,
  ): Promise<CrewLiveRow[]> {
    if (crewIds.length === 0) return Promise.resolve([]);
    return db
      .select({ id: crews.id, district: crews.district, ticketId: crews.ticketId, lastAt: crews.lastAt })
      .from(crews)
      .where(inArray(crews.id, [...crewIds]))
      .orderBy(asc(crews.id))
      .for('update', skipLocked ? { skipLocked: true } : undefined);
  }

  /** Crews' live rows without locking them (at most `limit`). */
  liveRows(db: DatabaseOrTransaction, limit: number): Promise<CrewLiveRow[]> {
    return db
      .select({ id: crews.id, district: crews.district, ticketId: crews.ticketId, lastAt: crews.lastAt })
      .from(crews)
      .limit(limit);
  }

  /**
   * Appends fixes of several crews in one statement, skipping those already stored; returns those stored (crew and
   * epoch milliseconds). The fixes travel as seven array parameters, so the statement is as cheap to build for a
   * thousand fixes as for one.
   */
  async appendMany(
    db: DatabaseOrTransaction,
    points: readonly (CheckedPosition & { crewId: string })[],
  ): Promise<{ crewId: string; ms: number }[]> {
    if (points.length === 0) return [];
    const col = <T>(f: (p: CheckedPosition & { crewId: string }) => T) => sql.param(points.map(f));
    const result = (await db.execute(sql`
      insert into ${crewPositions} (crew_id, lat, lng, recorded_at, speed_kmh, heading, accuracy_m)
      select * from unnest(${col((p) => p.crewId)}::uuid[], ${col((p) => p.lat)}::float8[],
        ${col((p) => p.lng)}::float8[], ${col((p) => p.recordedAt.toISOString())}::timestamptz[],
        ${col((p) => p.speedKmh)}::float8[], ${col((p) => p.heading)}::float8[], ${col((p) => p.accuracyM)}::float8[])
      on conflict (crew_id, recorded_at) do nothing
      returning crew_id, (extract(epoch from recorded_at) * 1000)::float8 as ms`)) as unknown as {
      rows: { crew_id: string; ms: number }[];
    };
    return result.rows.map((r) => ({ crewId: r.crew_id, ms: Number(r.ms) }));
  }

  /**
   * Moves each crew's live marker to its fix in one statement, only where that fix is newer than the marker (a
   * late point never moves it back). One fix per crew.
   */
  async advanceLive(db: DatabaseOrTransaction, fixes: readonly (CheckedPosition & { crewId: string })[]) {
    if (fixes.length === 0) return;
    const col = <T>(f: (p: CheckedPosition & { crewId: string }) => T) => sql.param(fixes.map(f));
    await db.execute(sql`
      update ${crews} set last_lat = v.lat, last_lng = v.lng, last_at = v.at, last_speed_kmh = v.speed,
        last_heading = v.heading
      from unnest(${col((f) => f.crewId)}::uuid[], ${col((f) => f.lat)}::float8[], ${col((f) => f.lng)}::float8[],
        ${col((f) => f.recordedAt.toISOString())}::timestamptz[], ${col((f) => f.speedKmh)}::float8[],
        ${col((f) => f.heading)}::float8[]) as v(id, lat, lng, at, speed, heading)
      where ${crews.id} = v.id and (${crews.lastAt} is null or ${crews.lastAt} < v.at)`);
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
