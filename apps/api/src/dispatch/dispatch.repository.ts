import { Injectable } from '@nestjs/common';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DatabaseOrTransaction } from '../db/client.js';
import { settings, slaClocks, tickets } from '../db/schema/index.js';

const arrival = alias(slaClocks, 'arrival');
const restoration = alias(slaClocks, 'restoration');

/** A fault order waiting for a crew, with the due times of its running clocks. */
export interface WaitingOrderRow {
  id: string;
  number: string;
  priority: string;
  sensitive: boolean;
  lat: number | null;
  lng: number | null;
  zoneClass: string | null;
  address: string | null;
  requiredSkills: string[];
  createdAt: Date;
  arrivalDueAt: Date | null;
  restorationDueAt: Date | null;
}

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

  /**
   * Fault orders waiting for a crew: accepted, no crew, not a child (an outage's master order's crew serves its
   * children). The status index narrows it to orders not yet dispatched.
   */
  waitingOrders(db: DatabaseOrTransaction, limit = 2000): Promise<WaitingOrderRow[]> {
    return db
      .select({
        id: tickets.id,
        number: tickets.number,
        priority: tickets.priority,
        sensitive: tickets.sensitive,
        lat: tickets.lat,
        lng: tickets.lng,
        zoneClass: tickets.zoneClass,
        address: tickets.address,
        requiredSkills: tickets.requiredSkills,
        createdAt: tickets.createdAt,
        arrivalDueAt: arrival.dueAt,
        restorationDueAt: restoration.dueAt,
      })
      .from(tickets)
      .leftJoin(
        arrival,
        and(eq(arrival.ticketId, tickets.id), eq(arrival.kind, 'arrival'), isNull(arrival.stoppedAt)),
      )
      .leftJoin(
        restoration,
        and(
          eq(restoration.ticketId, tickets.id),
          eq(restoration.kind, 'restoration'),
          isNull(restoration.stoppedAt),
        ),
      )
      .where(
        and(
          eq(tickets.status, 'accepted'),
          eq(tickets.type, 'fault_repair'),
          isNull(tickets.crewId),
          isNull(tickets.parentId),
        ),
      )
      .orderBy(asc(tickets.createdAt))
      .limit(limit);
  }

  /** Transaction-scoped advisory lock: true for the one transaction (on any node) that gets it. */
  async tryXactLock(db: DatabaseOrTransaction, key: number): Promise<boolean> {
    const result = (await db.execute(sql`select pg_try_advisory_xact_lock(${key}) as locked`)) as unknown as {
      rows: { locked: boolean }[];
    };
    return result.rows[0]?.locked === true;
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
