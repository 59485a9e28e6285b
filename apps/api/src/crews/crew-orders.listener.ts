import { CREW_STATUS_FOR_ORDER } from '@gd/domain';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { Transaction } from '../db/client.js';
import type { DomainEvents } from '../events/domain-events.js';
import { DomainEventBus } from '../events/event-bus.js';
import { type CrewRow, CrewsRepository } from './crews.repository.js';

/**
 * A crew follows its order (CREW_STATUS_FOR_ORDER in @gd/domain), inside the transaction that moves the order:
 * sent, on the way, on site; released when the order completes, is cancelled, merged, goes back to dispatch or
 * is given to another crew. Every crew freed raises `crew.freed`, which the dispatch planner listens to.
 */
@Injectable()
export class CrewOrdersListener implements OnModuleInit {
  constructor(
    private readonly events: DomainEventBus,
    private readonly crews: CrewsRepository,
  ) {}

  onModuleInit() {
    this.events.inTransaction('ticket.status-changed', 'crews: follow the order', (e, tx) =>
      this.follow(e, tx),
    );
  }

  private async follow(e: DomainEvents['ticket.status-changed'], tx: Transaction) {
    const { ticket, previousCrewId, to } = e;
    const changed: CrewRow[] = [];
    const freed: CrewRow[] = [];
    // A reassignment or a return to dispatch: the former crew is free again.
    if (previousCrewId && previousCrewId !== ticket.crewId) {
      const row = await this.crews.release(tx, previousCrewId, ticket.id);
      if (row) freed.push(row);
    }
    const status = CREW_STATUS_FOR_ORDER[to];
    if (ticket.crewId && status !== undefined) {
      if (status === 'released') {
        const row = await this.crews.release(tx, ticket.crewId, ticket.id);
        if (row) freed.push(row);
      } else {
        const row = await this.crews.setOrderStatus(tx, ticket.crewId, status, ticket.id);
        if (row) changed.push(row);
        if (to === 'on_site')
          await this.crews.stampArrival(tx, ticket.crewId, ticket.id, e.at, ticket.arrivalManual);
      }
    }
    // Combined orders: every other crew still on the order goes free with it.
    if (status === 'released') freed.push(...(await this.crews.releaseAll(tx, ticket.id)));

    for (const row of [...changed, ...freed]) await this.events.raise(tx, 'crew.changed', { crew: row });
    for (const row of freed)
      await this.events.raise(tx, 'crew.freed', { crewId: row.id, fromTicketId: ticket.id });
  }
}
