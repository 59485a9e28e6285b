import type {
  CrewSkill,
  Priority,
  Ticket,
  TicketStatus,
  TicketType,
  TimelineEntry,
  ZoneClass,
} from '@gd/domain';
import { Injectable } from '@nestjs/common';
import { inArray } from 'drizzle-orm';
import type { DatabaseHandle, DatabaseOrTransaction } from '../db/client.js';
import { InjectDatabase } from '../db/database.module.js';
import { customers } from '../db/schema/index.js';
import { SlaClockService } from '../sla/sla-clock.service.js';
import type { TicketEventRow, TicketRow } from './tickets.repository.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Response mapping of orders, with their SLA clocks loaded in one query per batch. */
@Injectable()
export class TicketViews {
  constructor(
    @InjectDatabase() private readonly database: DatabaseHandle,
    private readonly sla: SlaClockService,
  ) {}

  async one(row: TicketRow, db?: DatabaseOrTransaction): Promise<Ticket> {
    return (await this.many([row], db))[0]!;
  }

  /** `known`: customers the caller already holds (their contact is not read again). */
  async many(
    rows: readonly TicketRow[],
    db?: DatabaseOrTransaction,
    known: readonly { id: string; name: string; phone: string }[] = [],
  ): Promise<Ticket[]> {
    if (rows.length === 0) return [];
    const now = new Date();
    const knownIds = new Set(known.map((c) => c.id));
    const customerIds = [
      ...new Set(rows.flatMap((r) => (r.customerId && !knownIds.has(r.customerId) ? [r.customerId] : []))),
    ];
    const [sla, contacts] = await Promise.all([
      this.sla.slaFor(
        rows.map((r) => r.id),
        { db, now },
      ),
      customerIds.length
        ? (db ?? this.database.db)
            .select({ id: customers.id, name: customers.name, phone: customers.phone })
            .from(customers)
            .where(inArray(customers.id, customerIds))
        : Promise.resolve([]),
    ]);
    const contactOf = new Map([...known, ...contacts].map((c) => [c.id, c]));
    return rows.map((r) => {
      const contact = r.customerId ? contactOf.get(r.customerId) : undefined;
      return {
        ...toTicket(r, sla.get(r.id) ?? {}),
        // Whoever works the order (agents, the assigned crew) needs to reach the customer.
        customerName: contact?.name ?? null,
        customerPhone: contact?.phone ?? null,
      };
    });
  }
}

export function toTicket(r: TicketRow, sla: Ticket['sla']): Ticket {
  return {
    id: r.id,
    number: r.number,
    type: r.type as TicketType,
    status: r.status as TicketStatus,
    priority: r.priority as Priority,
    description: r.description,
    customerId: r.customerId,
    location: r.lat !== null && r.lng !== null ? { lat: r.lat, lng: r.lng } : null,
    address: r.address,
    zoneClass: r.zoneClass as ZoneClass | null,
    district: r.district,
    firstResponderId: r.firstResponderId,
    ownerId: r.ownerId,
    crewId: r.crewId,
    outageId: r.outageId,
    parentId: r.parentId,
    urgeCount: r.urgeCount,
    reopenCount: r.reopenCount,
    requiredSkills: r.requiredSkills as CrewSkill[],
    report: r.report ?? null,
    resolution: r.resolution,
    createdAt: r.createdAt.toISOString(),
    dispatchedAt: iso(r.dispatchedAt),
    acknowledgedAt: iso(r.acknowledgedAt),
    arrivedAt: iso(r.arrivedAt),
    arrivalManual: r.arrivalManual,
    restoredAt: iso(r.restoredAt),
    completedAt: iso(r.completedAt),
    closedAt: iso(r.closedAt),
    sla,
  };
}

export function toTimelineEntry(e: TicketEventRow): TimelineEntry {
  return { at: e.at.toISOString(), actorId: e.actorId, kind: e.kind, data: e.data };
}
