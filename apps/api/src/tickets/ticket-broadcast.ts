import { rolesFor, rooms, type Ticket } from '@gd/domain';
import { Injectable } from '@nestjs/common';
import type { DatabaseHandle } from '../db/client.js';
import { InjectDatabase } from '../db/database.module.js';
import { RealtimeService } from '../realtime/realtime.service.js';
import { TeamDirectory } from '../staff/team-directory.js';
import { TicketViews } from './ticket.views.js';
import { type TicketRow, TicketsRepository } from './tickets.repository.js';

/**
 * Orders on the sockets: `ticket.created` and `ticket.updated` to everyone who watches the order. Called by
 * TicketSocketsListener on the orders' events.
 */
@Injectable()
export class TicketBroadcast {
  constructor(
    @InjectDatabase() private readonly database: DatabaseHandle,
    private readonly repo: TicketsRepository,
    private readonly views: TicketViews,
    private readonly realtime: RealtimeService,
    private readonly teams: TeamDirectory,
  ) {}

  created(row: TicketRow, ticket: Ticket) {
    this.realtime.emit('ticket.created', { id: row.id, ticket, change: 'created' }, this.rooms(row));
  }

  /** The order as it is now, to its watchers (for a change already committed). */
  async send(ticketId: string, change: string) {
    const row = await this.repo.findById(this.database.db, ticketId);
    if (!row) return;
    const ticket = await this.views.one(row);
    this.realtime.emit('ticket.updated', { id: row.id, ticket, change }, this.rooms(row));
  }

  /** An order already in its API shape (read inside the transaction that changed it). */
  sendView(row: TicketRow, ticket: Ticket, change: string) {
    this.realtime.emit('ticket.updated', { id: row.id, ticket, change }, this.rooms(row));
  }

  /**
   * Who watches an order: dispatchers, supervisors, its district, its first responder and owner and their teams,
   * its crew.
   */
  rooms(t: TicketRow): string[] {
    return [
      ...rolesFor('ticket.watch-all').map(rooms.role),
      ...(t.district ? [rooms.district(t.district)] : []),
      rooms.user(t.firstResponderId),
      rooms.user(t.ownerId),
      ...this.teams.roomsOf(t.firstResponderId, t.ownerId),
      ...(t.crewId ? [rooms.crew(t.crewId)] : []),
    ];
  }
}
