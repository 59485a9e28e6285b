import type { RepairHistory } from '@gd/domain';
import { Injectable } from '@nestjs/common';
import { and, asc, eq, gte, isNotNull, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DatabaseOrTransaction } from '../db/client.js';
import { assignments, settings, slaClocks, tickets } from '../db/schema/index.js';

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

/** A crew's current order (its open assignment), for when the planner expects the crew free. */
export interface CrewJobRow {
  crewId: string;
  ticketStatus: string;
  lat: number | null;
  lng: number | null;
  requiredSkills: string[];
  assignedAt: Date;
  /** The ETA promised when it was assigned, minutes from `assignedAt`. */
  etaMinutes: number | null;
  /** This crew's arrival, else the order's. */
  arrivedAt: Date | null;
  restoredAt: Date | null;
}

@Injectable()
export class DispatchRepository {
  /**
   * Completed fault repairs since `since`, by the skills they needed: how many and their mean minutes from arrival
   * to completion (the crew busy on site). Durations over 24 h (a report completed days later) are left out.
   */
  async repairHistory(db: DatabaseOrTransaction, since: Date): Promise<RepairHistory[]> {
    const minutes = sql<number>`extract(epoch from (${tickets.completedAt} - ${tickets.arrivedAt})) / 60`;
    const rows = await db
      .select({
        requiredSkills: tickets.requiredSkills,
        count: sql<number>`count(*)::int`,
        meanMinutes: sql<number>`avg(${minutes})::float8`,
      })
      .from(tickets)
      .where(
        and(
          eq(tickets.type, 'fault_repair'),
          gte(tickets.completedAt, since),
          isNotNull(tickets.arrivedAt),
          sql`${tickets.completedAt} >= ${tickets.arrivedAt}`,
          sql`${minutes} <= 1440`,
        ),
      )
      .groupBy(tickets.requiredSkills);
    return rows.map((r) => ({ ...r, count: Number(r.count), meanMinutes: Number(r.meanMinutes) }));
  }

  /** Every crew's open assignment with its order: where it is, what it needs, how far it got. */
  async crewJobs(db: DatabaseOrTransaction): Promise<CrewJobRow[]> {
    const rows = await db
      .select({
        crewId: assignments.crewId,
        ticketStatus: tickets.status,
        lat: tickets.lat,
        lng: tickets.lng,
        requiredSkills: tickets.requiredSkills,
        assignedAt: assignments.assignedAt,
        etaMinutes: assignments.etaMinutes,
        crewArrivedAt: assignments.arrivedAt,
        orderArrivedAt: tickets.arrivedAt,
        restoredAt: tickets.restoredAt,
      })
      .from(assignments)
      .innerJoin(tickets, eq(tickets.id, assignments.ticketId))
      .where(isNull(assignments.releasedAt));
    return rows.map(({ crewArrivedAt, orderArrivedAt, ...r }) => ({
      ...r,
      arrivedAt: crewArrivedAt ?? orderArrivedAt,
    }));
  }

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
