import type { NoticeParams } from '@gd/domain';
import { Injectable } from '@nestjs/common';
import { StaffRepository } from '../auth/staff.repository.js';
import type { DatabaseHandle, Transaction } from '../db/client.js';
import { InjectDatabase } from '../db/database.module.js';
import { inTransaction } from '../db/transaction.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { type TicketRow, TicketsRepository } from '../tickets/tickets.repository.js';

/** The planner's alerts: an order no crew can take, or one sent late. */
@Injectable()
export class DispatchAlerts {
  constructor(
    @InjectDatabase() private readonly database: DatabaseHandle,
    private readonly tickets: TicketsRepository,
    private readonly notifications: NotificationsService,
    private readonly staff: StaffRepository,
  ) {}

  /** A notice to every dispatcher and supervisor, and a line on the order's timeline. */
  async alert(
    ticket: TicketRow,
    message: string,
    data: Record<string, unknown>,
    params: NoticeParams['dispatch.alert'],
  ) {
    await inTransaction(this.database.db, async (tx: Transaction) => {
      const people = [
        ...(await this.staff.list(tx, { role: 'dispatcher' })),
        ...(await this.staff.list(tx, { role: 'supervisor' })),
      ].filter((s) => !s.disabled);
      await this.notifications.notify(
        tx,
        people.map((p) => p.id),
        { ticketId: ticket.id, kind: 'dispatch.alert', params, message, data },
      );
      await this.tickets.addEvent(tx, {
        ticketId: ticket.id,
        actorId: null,
        kind: 'dispatch.alert',
        data: { ...data, message, system: 'auto-dispatch' },
      });
    });
  }
}
