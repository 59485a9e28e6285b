import type {
  CrewSkill,
  Priority,
  Ticket,
  TicketSla,
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
import { SlaClockService, toTicketSla } from '../sla/sla-clock.service.js';
import type { TicketEventRow, TicketRow, TicketWithClocks } from './tickets.repository.js';

type Contact = { id: string; name: string; phone: string };

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
    known: readonly Contact[] = [],
  ): Promise<Ticket[]> {
    if (rows.length === 0) return [];
    const now = new Date();
    const [sla, contacts] = await Promise.all([
      this.sla.slaFor(
        rows.map((r) => r.id),
        { db, now },
      ),
      this.contacts(rows, known, db),
    ]);
    return this.assemble(rows, sla, contacts);
  }

  /** Like many, for orders read with their clocks (TicketsRepository.openForCaller): no query for the clocks. */
  async withClocks(rows: readonly TicketWithClocks[], known: readonly Contact[] = []): Promise<Ticket[]> {
    if (rows.length === 0) return [];
    const now = new Date();
    const sla = new Map(
      rows.map((r) => [
        r.id,
        toTicketSla(
          r.clocks.map((c) => ({
            ...c,
            dueAt: new Date(c.dueAt),
            warningAt: c.warningAt ? new Date(c.warningAt) : null,
          })),
          now,
        ),
      ]),
    );
    return this.assemble(rows, sla, await this.contacts(rows, known));
  }

  /** The name and phone of the orders' customers: those not `known` in one query. */
  private async contacts(
    rows: readonly TicketRow[],
    known: readonly Contact[],
    db?: DatabaseOrTransaction,
  ): Promise<Contact[]> {
    const knownIds = new Set(known.map((c) => c.id));
    const customerIds = [
      ...new Set(rows.flatMap((r) => (r.customerId && !knownIds.has(r.customerId) ? [r.customerId] : []))),
    ];
    const read = customerIds.length
      ? await (db ?? this.database.db)
          .select({ id: customers.id, name: customers.name, phone: customers.phone })
          .from(customers)
          .where(inArray(customers.id, customerIds))
      : [];
    return [...known, ...read];
  }

  private assemble(rows: readonly TicketRow[], sla: Map<string, TicketSla>, contacts: readonly Contact[]) {
    const contactOf = new Map(contacts.map((c) => [c.id, c]));
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
    arrivalFlag: r.arrivalFlag ?? null,
    restoredAt: iso(r.restoredAt),
    completedAt: iso(r.completedAt),
    closedAt: iso(r.closedAt),
    sla,
  };
}

export function toTimelineEntry(e: TicketEventRow): TimelineEntry {
  return { at: e.at.toISOString(), actorId: e.actorId, kind: e.kind, data: e.data };
}
