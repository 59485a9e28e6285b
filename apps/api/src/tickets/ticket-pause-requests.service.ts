import type { ClockKind, PauseRequestStatus, Role, SlaPauseRequest } from '@gd/domain';
import type { Clock } from '@gd/sla';
import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { AuditRepository } from '../audit/audit.repository.js';
import type { AuthUser } from '../common/auth-user.js';
import type { DatabaseHandle } from '../db/client.js';
import { InjectDatabase } from '../db/database.module.js';
import { inTransaction } from '../db/transaction.js';
import { DomainEventBus } from '../events/event-bus.js';
import { SlaClockService } from '../sla/sla-clock.service.js';
import type { PauseRequestsQuery, RefusePauseDto, RequestPauseDto } from './pause-requests.dto.js';
import { type PauseRequestRow, PauseRequestsRepository } from './pause-requests.repository.js';
import { TicketClocksService } from './ticket-clocks.service.js';
import { TicketsRepository } from './tickets.repository.js';

type Listed = Awaited<ReturnType<PauseRequestsRepository['list']>>[number];

/**
 * SLA pause requests: a crew (on its own order) or a dispatcher asks, a supervisor approves (the clock is paused
 * through TicketClocksService, as a supervisor's own pause is) or refuses with a reason. One pending request per
 * order and clock; a decided request is never decided again (409). The requester and the supervisors hear of it
 * through the `sla.pause-requested` / `sla.pause-decided` events (notifications/).
 */
@Injectable()
export class TicketPauseRequestsService {
  constructor(
    @InjectDatabase() private readonly database: DatabaseHandle,
    private readonly repo: PauseRequestsRepository,
    private readonly tickets: TicketsRepository,
    private readonly clocks: SlaClockService,
    private readonly pauses: TicketClocksService,
    private readonly audit: AuditRepository,
    private readonly events: DomainEventBus,
  ) {}

  async request(user: AuthUser, ticketId: string, dto: RequestPauseDto): Promise<SlaPauseRequest> {
    const row = await inTransaction(this.database.db, async (tx) => {
      const order = await this.tickets.findById(tx, ticketId);
      if (!order) throw new NotFoundException(`no order ${ticketId}`);
      if (user.role === 'crew' && order.crewId !== user.crewId)
        throw new ForbiddenException('a crew may ask to pause only the clocks of its own order');
      const clockRow = await this.clocks.lockClock(tx, ticketId, dto.clock);
      if (!clockRow) throw new NotFoundException(`order ${order.number} has no ${dto.clock} clock`);
      const clock = clockRow.clock as unknown as Clock;
      if (clock.stoppedAt || clock.exempt)
        throw new ConflictException(`the ${dto.clock} clock of order ${order.number} is no longer running`);
      if (clock.pauses.some((p) => p.to === null))
        throw new ConflictException(`the ${dto.clock} clock of order ${order.number} is already paused`);
      if (await this.repo.pendingFor(tx, ticketId, dto.clock))
        throw new ConflictException(
          `a pause of the ${dto.clock} clock of order ${order.number} is already waiting for a supervisor`,
        );
      const note = dto.note?.trim() || null;
      const created = await this.repo.insert(tx, {
        ticketId,
        clock: dto.clock,
        reason: dto.reason,
        note,
        requestedBy: user.id,
      });
      await this.tickets.addEvent(tx, {
        ticketId,
        actorId: user.id,
        kind: 'sla.pause-requested',
        data: { requestId: created.id, clock: dto.clock, reason: dto.reason, ...(note ? { note } : {}) },
      });
      await this.audit.record(tx, {
        actorId: user.id,
        action: 'sla.pause-request',
        entity: 'ticket',
        entityId: ticketId,
        after: created,
      });
      await this.events.raise(tx, 'sla.pause-requested', { request: created, ticket: order, actor: user });
      return created;
    });
    return this.view(row);
  }

  async list(q: PauseRequestsQuery): Promise<SlaPauseRequest[]> {
    const rows = await this.repo.list(this.database.db, { ...q, limit: 500 });
    const sla = await this.clocks.slaFor(rows.map((r) => r.request.ticketId));
    return rows.map((r) => toView(r, sla.get(r.request.ticketId)?.[r.request.clock] ?? null));
  }

  approve(user: AuthUser, id: string): Promise<SlaPauseRequest> {
    return this.decide(user, id, 'approved', null);
  }

  refuse(user: AuthUser, id: string, dto: RefusePauseDto): Promise<SlaPauseRequest> {
    return this.decide(user, id, 'refused', dto.reason.trim());
  }

  private async decide(
    user: AuthUser,
    id: string,
    status: Exclude<PauseRequestStatus, 'pending'>,
    note: string | null,
  ): Promise<SlaPauseRequest> {
    const row = await inTransaction(this.database.db, async (tx, afterCommit) => {
      const request = await this.repo.lock(tx, id);
      if (!request) throw new NotFoundException(`no pause request ${id}`);
      if (request.status !== 'pending')
        throw new ConflictException(`pause request ${id} was already ${request.status}`);
      const order = (await this.tickets.findById(tx, request.ticketId))!;
      if (status === 'approved') {
        // A clock that stopped or was paused meanwhile is a 409 from the pause itself; the request stays pending.
        await this.pauses.pauseIn(tx, afterCommit, user, request.ticketId, request.clock, request.reason, {
          requestId: request.id,
          requestedBy: request.requestedBy,
        });
      } else {
        await this.tickets.addEvent(tx, {
          ticketId: request.ticketId,
          actorId: user.id,
          kind: 'sla.pause-refused',
          data: { requestId: request.id, clock: request.clock, reason: note },
        });
      }
      const decided = await this.repo.decide(tx, id, {
        status,
        decidedBy: user.id,
        decidedAt: new Date(),
        decisionNote: note,
      });
      await this.audit.record(tx, {
        actorId: user.id,
        action: status === 'approved' ? 'sla.pause-request.approve' : 'sla.pause-request.refuse',
        entity: 'ticket',
        entityId: request.ticketId,
        before: request,
        after: decided,
      });
      await this.events.raise(tx, 'sla.pause-decided', { request: decided, ticket: order, actor: user });
      return decided;
    });
    return this.view(row);
  }

  private async view(row: PauseRequestRow): Promise<SlaPauseRequest> {
    const [listed] = (await this.repo.list(this.database.db, { ticketId: row.ticketId, limit: 500 })).filter(
      (r) => r.request.id === row.id,
    );
    const sla = await this.clocks.slaFor([row.ticketId]);
    return toView(listed!, sla.get(row.ticketId)?.[row.clock as ClockKind] ?? null);
  }
}

function toView(r: Listed, clockNow: SlaPauseRequest['clockNow']): SlaPauseRequest {
  const q = r.request;
  return {
    id: q.id,
    ticketId: q.ticketId,
    number: r.number,
    clock: q.clock,
    reason: q.reason,
    note: q.note,
    status: q.status,
    requestedBy: { id: q.requestedBy, displayName: r.requesterName, role: r.requesterRole as Role },
    requestedAt: q.requestedAt.toISOString(),
    decidedBy: q.decidedBy,
    decidedAt: q.decidedAt ? q.decidedAt.toISOString() : null,
    decisionNote: q.decisionNote,
    clockNow,
  };
}
