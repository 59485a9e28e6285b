import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DomainEventBus } from '../events/event-bus.js';
import { TicketsRepository } from './tickets.repository.js';

/**
 * The orders' timeline of what the clock engine (sla/, below) did to them: a scheduler pass's warnings and
 * breaches, an area emergency declared or ended. One statement per event, however many orders it names.
 */
@Injectable()
export class SlaTimelineListener implements OnModuleInit {
  constructor(
    private readonly events: DomainEventBus,
    private readonly repo: TicketsRepository,
  ) {}

  onModuleInit() {
    this.events.inTransaction('sla.escalated', 'orders: SLA timeline', ({ at, escalations }, tx) =>
      this.repo.addEvents(
        tx,
        escalations.map(({ event, payload }) => ({
          ticketId: payload.ticketId,
          at,
          actorId: null,
          kind: event,
          data: { clock: payload.clock, dueAt: payload.dueAt },
        })),
      ),
    );
    this.events.inTransaction('sla.emergency-applied', 'orders: emergency timeline', (e, tx) =>
      this.repo.addEvents(
        tx,
        e.ticketIds.map((ticketId) => ({
          ticketId,
          at: e.at,
          actorId: e.actorId,
          kind: 'sla.emergency' as const,
          data: e.data,
        })),
      ),
    );
  }
}
