import type { ClockKind, Ticket } from '@gd/domain';
import { type Clock, type PauseReason, pauseClock, pauseNeedsApproval, resumeClock } from '@gd/sla';
import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { AuditRepository } from '../audit/audit.repository.js';
import type { AuthUser } from '../common/auth-user.js';
import type { DatabaseHandle, Transaction } from '../db/client.js';
import { InjectDatabase } from '../db/database.module.js';
import { type AfterCommit, inTransaction } from '../db/transaction.js';
import { DomainEventBus } from '../events/event-bus.js';
import { clockConflict } from '../sla/clock-conflict.js';
import { SlaClockService } from '../sla/sla-clock.service.js';
import { SlaEscalationService } from '../sla/sla-escalation.service.js';
import { toTicket } from './ticket.views.js';
import { type TicketRow, TicketsRepository } from './tickets.repository.js';

/**
 * Pauses and resumes one clock of an order for a customer-side reason. Force majeure needs a supervisor's
 * approval, given by the supervisor pausing the clock themselves (a dispatcher asks one); the other reasons
 * are recorded by whoever handles the order (agent, dispatcher, supervisor, or a crew on its own order).
 */
/** One change to one clock of an order: the timeline entry it writes, how the clock moves, the entry's data. */
interface ClockChange {
  kind: ClockKind;
  what: 'sla.paused' | 'sla.resumed';
  apply: (clock: Clock, at: Date) => Clock;
  data: Record<string, unknown>;
}

const pausing = (kind: ClockKind, reason: PauseReason, data: Record<string, unknown>): ClockChange => ({
  kind,
  what: 'sla.paused',
  apply: (clock, at) => pauseClock(clock, at, reason),
  data: { reason, ...data },
});

@Injectable()
export class TicketClocksService {
  constructor(
    @InjectDatabase() private readonly database: DatabaseHandle,
    private readonly tickets: TicketsRepository,
    private readonly audit: AuditRepository,
    private readonly clocks: SlaClockService,
    private readonly escalation: SlaEscalationService,
    private readonly events: DomainEventBus,
  ) {}

  pause(user: AuthUser, ticketId: string, kind: ClockKind, reason: PauseReason): Promise<Ticket> {
    if (pauseNeedsApproval(reason) && user.role !== 'supervisor')
      throw new ForbiddenException(
        `a ${reason} pause needs a supervisor's approval: ask a supervisor to pause the clock`,
      );
    return this.change(user, ticketId, pausing(kind, reason, {}));
  }

  resume(user: AuthUser, ticketId: string, kind: ClockKind): Promise<Ticket> {
    return this.change(user, ticketId, {
      kind,
      what: 'sla.resumed',
      apply: (clock, at) => resumeClock(clock, at),
      data: {},
    });
  }

  private change(user: AuthUser, ticketId: string, change: ClockChange): Promise<Ticket> {
    return inTransaction(this.database.db, (tx, afterCommit) =>
      this.changeIn(tx, afterCommit, user, ticketId, change),
    );
  }

  /**
   * Pauses a clock inside the caller's transaction, as `pause` does (timeline, audit, the order's sockets after
   * commit): a supervisor approving a pause request. `data` joins the timeline entry (the request it answers).
   */
  pauseIn(
    tx: Transaction,
    afterCommit: AfterCommit,
    user: AuthUser,
    ticketId: string,
    kind: ClockKind,
    reason: PauseReason,
    data: Record<string, unknown> = {},
  ): Promise<Ticket> {
    return this.changeIn(tx, afterCommit, user, ticketId, pausing(kind, reason, data));
  }

  private async changeIn(
    tx: Transaction,
    afterCommit: AfterCommit,
    user: AuthUser,
    ticketId: string,
    { kind, what, apply, data }: ClockChange,
  ): Promise<Ticket> {
    const order = await this.tickets.findById(tx, ticketId);
    if (!order) throw new NotFoundException(`no order ${ticketId}`);
    if (user.role === 'crew' && order.crewId !== user.crewId)
      throw new ForbiddenException('a crew may pause or resume only the clocks of its own order');
    const row = await this.clocks.lockClock(tx, ticketId, kind);
    if (!row) throw new NotFoundException(`order ${order.number} has no ${kind} clock`);
    const before = row.clock as unknown as Clock;
    const now = new Date();
    let after: Clock;
    try {
      after = apply(before, now);
    } catch (err) {
      clockConflict(err);
    }
    await this.clocks.saveClock(tx, order, after, now.getTime());
    const detail = { clock: kind, ...data, dueAt: after.dueAt };
    await this.tickets.addEvent(tx, { ticketId, at: now, actorId: user.id, kind: what, data: detail });
    await this.audit.record(tx, {
      actorId: user.id,
      action: what === 'sla.paused' ? 'sla.pause' : 'sla.resume',
      entity: 'ticket',
      entityId: ticketId,
      before: { clock: before },
      after: { clock: after },
    });
    const view = await this.view(tx, order);
    await this.events.raise(tx, 'ticket.clock-changed', {
      ticket: order,
      clock: kind,
      change: what,
      view,
      actor: user,
    });
    afterCommit(() => this.escalation.poke());
    return view;
  }

  private async view(tx: Transaction, order: TicketRow): Promise<Ticket> {
    const sla = await this.clocks.slaFor([order.id], { db: tx });
    return toTicket(order, sla.get(order.id) ?? {});
  }
}
