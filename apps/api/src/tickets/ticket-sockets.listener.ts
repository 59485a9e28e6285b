import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DomainEventBus } from '../events/event-bus.js';
import { TicketBroadcast } from './ticket-broadcast.js';

/**
 * Orders on the sockets, after commit, from the orders' events: the services raise, this pushes. `ticket.created`
 * sends the order as the intake answered it; every other change sends the order as it is once committed.
 */
@Injectable()
export class TicketSocketsListener implements OnModuleInit {
  constructor(
    private readonly events: DomainEventBus,
    private readonly broadcast: TicketBroadcast,
  ) {}

  onModuleInit() {
    const on = this.events.afterCommit.bind(this.events);
    on('ticket.created', 'orders: sockets', (e) => this.broadcast.created(e.ticket, e.view));
    on('ticket.status-changed', 'orders: sockets', (e) =>
      this.broadcast.send(e.ticket.id, e.reopened ? 'reopened' : e.to),
    );
    on('ticket.handed-off', 'orders: sockets', (e) => this.broadcast.send(e.ticket.id, 'handoff'));
    on('ticket.urged', 'orders: sockets', (e) => this.broadcast.send(e.ticket.id, 'urged'));
    on('ticket.crew-added', 'orders: sockets', (e) => this.broadcast.send(e.ticketId, 'crew_added'));
    on('ticket.photo-added', 'orders: sockets', (e) => this.broadcast.send(e.ticketId, 'photo'));
    on('ticket.clock-changed', 'orders: sockets', (e) => this.broadcast.sendView(e.ticket, e.view, e.change));
    // A fault outage published with its master order (OutageOrdersListener linked it in the transaction).
    on('outage.published', 'orders: sockets', async ({ outage }) => {
      if (outage.ticketId) await this.broadcast.send(outage.ticketId, 'outage_master');
    });
  }
}
