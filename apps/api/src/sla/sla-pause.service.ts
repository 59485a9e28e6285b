import type { ClockKind, Ticket } from '@gd/domain';
import {
  type Clock,
  ClockTransitionError,
  type PauseReason,
  pauseClock,
  pauseNeedsApproval,
  resumeClock,
} from '@gd/sla';
import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { AuditRepository } from '../audit/audit.repository.js';
import type { AuthUser } from '../auth/auth-user.js';
import type { DatabaseHandle, Transaction } from '../db/client.js';
import { InjectDatabase } from '../db/database.module.js';
import { inTransaction } from '../db/transaction.js';
import { RealtimeService } from '../realtime/realtime.service.js';
import { TeamDirectory } from '../staff/team-directory.js';
import { toTicket } from '../tickets/ticket.views.js';
import { ticketRooms } from '../tickets/ticket-workflow.service.js';
import { SlaClockService } from './sla-clock.service.js';
import { SlaClocksRepository, type TicketRow } from './sla-clocks.repository.js';
import { SlaEscalationService } from './sla-escalation.service.js';

/** ClockTransitionError codes (already_paused, not_paused, stopped, exempt, …) are conflicts with the clock's state. */
export function conflict(err: unknown): never {
  if (err instanceof ClockTransitionError) throw new ConflictException(`${err.code}: ${err.message}`);
  throw err;
}

/**
 * Pauses and resumes one clock of an order for a customer-side reason. Force majeure needs a supervisor's
 * approval, given by the supervisor pausing the clock themselves (a dispatcher asks one); the other reasons
 * are recorded by whoever handles the order (agent, dispatcher, supervisor, or a crew on its own order).
 */
@Injectable()
export class SlaPauseService {
  constructor(
    @InjectDatabase() private readonly database: DatabaseHandle,
    private readonly repo: SlaClocksRepository,
    private readonly audit: AuditRepository,
    private readonly realtime: RealtimeService,
    private readonly clocks: SlaClockService,
    private readonly escalation: SlaEscalationService,
    private readonly teams: TeamDirectory,
  ) {}

  pause(user: AuthUser, ticketId: string, kind: ClockKind, reason: PauseReason): Promise<Ticket> {
    if (pauseNeedsApproval(reason) && user.role !== 'supervisor')
      throw new ForbiddenException(
        `a ${reason} pause needs a supervisor's approval: ask a supervisor to pause the clock`,
      );
    return this.change(user, ticketId, kind, 'sla.paused', (clock, at) => pauseClock(clock, at, reason), {
      reason,
    });
  }

  resume(user: AuthUser, ticketId: string, kind: ClockKind): Promise<Ticket> {
    return this.change(user, ticketId, kind, 'sla.resumed', (clock, at) => resumeClock(clock, at), {});
  }

  private async change(
    user: AuthUser,
    ticketId: string,
    kind: ClockKind,
    what: 'sla.paused' | 'sla.resumed',
    apply: (clock: Clock, at: Date) => Clock,
    data: Record<string, unknown>,
  ): Promise<Ticket> {
    const ticket = await inTransaction(this.database.db, async (tx, afterCommit) => {
      const order = await this.repo.ticket(tx, ticketId);
      if (!order) throw new NotFoundException(`no order ${ticketId}`);
      if (user.role === 'crew' && order.crewId !== user.crewId)
        throw new ForbiddenException('a crew may pause or resume only the clocks of its own order');
      const row = await this.repo.lock(tx, ticketId, kind);
      if (!row) throw new NotFoundException(`order ${order.number} has no ${kind} clock`);
      const before = row.clock as unknown as Clock;
      const now = new Date();
      let after: Clock;
      try {
        after = apply(before, now);
      } catch (err) {
        conflict(err);
      }
      await this.repo.save(tx, order, after, now.getTime());
      const detail = { clock: kind, ...data, dueAt: after.dueAt };
      await this.repo.addTimeline(tx, [{ ticketId, at: now, actorId: user.id, kind: what, data: detail }]);
      await this.audit.record(tx, {
        actorId: user.id,
        action: what === 'sla.paused' ? 'sla.pause' : 'sla.resume',
        entity: 'ticket',
        entityId: ticketId,
        before: { clock: before },
        after: { clock: after },
      });
      const view = await this.view(tx, order);
      afterCommit(() => {
        this.realtime.emit(
          'ticket.updated',
          { id: ticketId, ticket: view, change: what },
          ticketRooms(order, this.teams),
        );
        this.escalation.poke();
      });
      return view;
    });
    return ticket;
  }

  private async view(tx: Transaction, order: TicketRow): Promise<Ticket> {
    const sla = await this.clocks.slaFor([order.id], { db: tx });
    return toTicket(order, sla.get(order.id) ?? {});
  }
}
