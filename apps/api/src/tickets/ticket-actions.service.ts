import { FINAL_STATUSES, type TicketStatus } from '@gd/domain';
import {
  ConflictException,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { AuditRepository } from '../audit/audit.repository.js';
import { StaffRepository } from '../auth/staff.repository.js';
import type { AuthUser } from '../common/auth-user.js';
import type { DatabaseHandle, DatabaseOrTransaction } from '../db/client.js';
import { InjectDatabase } from '../db/database.module.js';
import { inTransaction } from '../db/transaction.js';
import { DomainEventBus } from '../events/event-bus.js';
import { TicketQueriesService } from './ticket-queries.service.js';
import { TicketWorkflowService } from './ticket-workflow.service.js';
import type { HandoffDto, TransitionDto, UrgeDto } from './tickets.dto.js';
import { TicketsRepository } from './tickets.repository.js';

/**
 * What people do to an open order: move it through its status machine, hand it over (首问负责制: the first
 * responder stays accountable), urge it (催办).
 */
@Injectable()
export class TicketActionsService {
  constructor(
    @InjectDatabase() private readonly database: DatabaseHandle,
    private readonly repo: TicketsRepository,
    private readonly queries: TicketQueriesService,
    private readonly workflow: TicketWorkflowService,
    private readonly audit: AuditRepository,
    private readonly events: DomainEventBus,
    private readonly staff: StaffRepository,
  ) {}

  private get db() {
    return this.database.db;
  }

  async transition(user: AuthUser, id: string, dto: TransitionDto) {
    await inTransaction(this.db, (tx) =>
      this.workflow.transition(tx, id, dto.to, user, { note: dto.note, report: dto.report }),
    );
    return this.queries.get(id);
  }

  /** 首问负责制: the owner changes, the first responder stays accountable; both are told. */
  async handoff(user: AuthUser, id: string, dto: HandoffDto) {
    await inTransaction(this.db, async (tx) => {
      const t = await this.lockOpen(tx, id);
      const receiver = await this.staff.findById(tx, dto.toUserId);
      if (!receiver || receiver.disabled) {
        throw new UnprocessableEntityException(`no active staff member ${dto.toUserId}`);
      }
      if (receiver.role === 'crew') {
        throw new UnprocessableEntityException('repair work goes to a crew through dispatch, not a hand-off');
      }
      if (receiver.id === t.ownerId)
        throw new ConflictException(`${receiver.displayName} already owns ${t.number}`);
      await this.repo.update(tx, id, { ownerId: receiver.id });
      const data = { fromUserId: t.ownerId, toUserId: receiver.id, reason: dto.reason };
      await this.repo.addEvent(tx, { ticketId: id, actorId: user.id, kind: 'handoff', data });
      await this.audit.record(tx, {
        actorId: user.id,
        action: 'ticket.handoff',
        entity: 'ticket',
        entityId: id,
        before: { ownerId: t.ownerId },
        after: { ownerId: receiver.id, reason: dto.reason },
      });
      await this.events.raise(tx, 'ticket.handed-off', {
        ticket: { ...t, ownerId: receiver.id },
        fromUserId: t.ownerId,
        to: { id: receiver.id, displayName: receiver.displayName },
        reason: dto.reason,
        actor: user,
      });
    });
    return this.queries.get(id);
  }

  /** 催办: a follow-up call on an open order. */
  async urge(user: AuthUser, id: string, dto: UrgeDto) {
    await inTransaction(this.db, async (tx) => {
      const t = await this.repo.lock(tx, id);
      if (!t) throw new NotFoundException(`no order ${id}`);
      if (t.status === 'merged' && t.parentId) {
        throw new ConflictException(
          `order ${t.number} was merged into ${t.parentId}: follow up on that order`,
        );
      }
      if (FINAL_STATUSES.includes(t.status as TicketStatus)) {
        throw new ConflictException(`order ${t.number} is ${t.status}: open a new order instead`);
      }
      const count = t.urgeCount + 1;
      const urged = await this.repo.update(tx, id, { urgeCount: count });
      const data = {
        count,
        ...(dto.callId ? { callId: dto.callId } : {}),
        ...(dto.note ? { note: dto.note } : {}),
      };
      await this.repo.addEvent(tx, { ticketId: id, actorId: user.id, kind: 'urged', data });
      await this.audit.record(tx, {
        actorId: user.id,
        action: 'ticket.urge',
        entity: 'ticket',
        entityId: id,
        before: { urgeCount: t.urgeCount },
        after: { urgeCount: count, callId: dto.callId ?? null },
      });
      // The call is linked (calls) and the people concerned are told (notifications) by listeners.
      await this.events.raise(tx, 'ticket.urged', {
        ticket: urged,
        count,
        callId: dto.callId ?? null,
        note: dto.note ?? null,
        actor: user,
      });
    });
    return this.queries.get(id);
  }

  private async lockOpen(db: DatabaseOrTransaction, id: string) {
    const t = await this.repo.lock(db, id);
    if (!t) throw new NotFoundException(`no order ${id}`);
    if (FINAL_STATUSES.includes(t.status as TicketStatus)) {
      throw new ConflictException(`order ${t.number} is ${t.status}`);
    }
    return t;
  }
}
