import { type CallbackListItem, familyOf, type TicketType } from '@gd/domain';
import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { AuditRepository } from '../audit/audit.repository.js';
import type { AuthUser } from '../common/auth-user.js';
import type { Config } from '../config.js';
import { InjectConfig } from '../config.module.js';
import type { DatabaseHandle } from '../db/client.js';
import { InjectDatabase } from '../db/database.module.js';
import { inTransaction } from '../db/transaction.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { TicketWorkflowService } from '../tickets/ticket-workflow.service.js';
import { TicketsRepository } from '../tickets/tickets.repository.js';
import type { CallbackAttemptDto } from './callbacks.dto.js';
import { CallbacksRepository } from './callbacks.repository.js';
import { toListItem } from './callbacks.service.js';

const SATISFIED = new Set(['satisfied', 'basically_satisfied']);

/**
 * Records a callback survey (回访) and acts on it: an unreachable customer is tried again later up to
 * CALLBACK_MAX_ATTEMPTS; a satisfied customer whose problem is solved closes (archives) the order; a dissatisfied
 * or unsolved one reopens it through the ticket workflow (a repair back to dispatch, anything else back to its
 * owner), and its first responder hears of it.
 */
@Injectable()
export class CallbackSurveyService {
  constructor(
    @InjectConfig() private readonly config: Config,
    @InjectDatabase() private readonly database: DatabaseHandle,
    private readonly repo: CallbacksRepository,
    private readonly audit: AuditRepository,
    private readonly workflow: TicketWorkflowService,
    private readonly tickets: TicketsRepository,
    private readonly notifications: NotificationsService,
  ) {}

  async record(id: string, input: CallbackAttemptDto, user: AuthUser): Promise<CallbackListItem> {
    const reached = input.reached;
    if (reached && !input.satisfaction) {
      throw new BadRequestException(['satisfaction is required when the customer was reached']);
    }
    if (
      !reached &&
      (input.satisfaction || input.resolved !== undefined || input.timeliness || input.attitude)
    ) {
      throw new BadRequestException([
        'an unreachable attempt carries no answers: leave out resolved, satisfaction, timeliness and attitude',
      ]);
    }
    const { workflow, notifications } = this;

    await inTransaction(this.database.db, async (tx) => {
      const callback = await this.repo.lock(tx, id);
      if (!callback) throw new NotFoundException(`no callback ${id}`);
      if (callback.status !== 'due') {
        throw new ConflictException(`callback ${id} is already ${callback.status}: it takes no more surveys`);
      }
      const ticket = await this.tickets.lock(tx, callback.ticketId);
      if (!ticket) throw new NotFoundException(`callback ${id} points at a missing order`);
      if (ticket.status !== 'completed') {
        throw new ConflictException(
          `order ${ticket.number} is ${ticket.status}, not completed: a callback surveys completed orders only`,
        );
      }

      const now = new Date();
      const resolved = reached ? (input.resolved ?? input.satisfaction !== 'dissatisfied') : null;
      const attempt = await this.repo.insertAttempt(tx, {
        callbackId: id,
        ticketId: ticket.id,
        agentId: user.id,
        at: now,
        reached,
        resolved,
        satisfaction: reached ? input.satisfaction : null,
        timeliness: input.timeliness ?? null,
        attitude: input.attitude ?? null,
        comment: input.comment?.trim() || null,
      });
      const attempts = callback.attempts + 1;

      const exhausted = attempts >= this.config.CALLBACK_MAX_ATTEMPTS;
      const outcome = !reached
        ? exhausted
          ? 'unreachable'
          : 'retry'
        : resolved && SATISFIED.has(input.satisfaction!)
          ? 'resolved'
          : 'reopened';
      // The survey goes into the order's story before whatever it causes (closing, reopening).
      await this.tickets.addEvent(tx, {
        ticketId: ticket.id,
        actorId: user.id,
        kind: 'callback',
        at: now,
        data: {
          callbackId: id,
          outcome,
          attempt: attempts,
          reached,
          resolved,
          satisfaction: attempt.satisfaction,
          timeliness: attempt.timeliness,
          attitude: attempt.attitude,
          ...(attempt.comment ? { comment: attempt.comment } : {}),
        },
      });

      if (outcome === 'retry' || outcome === 'unreachable') {
        await this.repo.update(tx, id, {
          attempts,
          status: exhausted ? 'unreachable' : 'due',
          nextAttemptAt: exhausted
            ? null
            : new Date(now.getTime() + this.config.CALLBACK_RETRY_MINUTES * 60_000),
          completedAt: exhausted ? now : null,
        });
      } else if (outcome === 'resolved') {
        await this.repo.update(tx, id, { attempts, status: 'done', nextAttemptAt: null, completedAt: now });
        // Closing without a note keeps the order's own resolution: the crew report or the reply to the customer.
        await workflow.transition(tx, ticket.id, 'closed', user, { data: { callbackId: id } });
      } else {
        await this.repo.update(tx, id, { attempts, status: 'done', nextAttemptAt: null, completedAt: now });
        const why = !resolved ? '问题未解决' : '客户不满意';
        const note = `回访${why}${attempt.comment ? `：${attempt.comment}` : ''}`;
        const to = familyOf(ticket.type as TicketType) === 'repair' ? 'accepted' : 'in_progress';
        const reopened = await workflow.transition(tx, ticket.id, to, user, {
          note,
          data: { callbackId: id, satisfaction: input.satisfaction, resolved },
        });
        await notifications.notify(tx, [reopened.firstResponderId], {
          ticketId: ticket.id,
          kind: 'dissatisfied_callback',
          params: { number: ticket.number, resolved: resolved === true, reopenCount: reopened.reopenCount },
          message: `工单 ${ticket.number} 回访${why}，已重新打开（第 ${reopened.reopenCount} 次）`,
          data: {
            callbackId: id,
            satisfaction: input.satisfaction ?? null,
            resolved,
            reopenCount: reopened.reopenCount,
          },
        });
      }

      await this.audit.record(tx, {
        actorId: user.id,
        action: `callback.${outcome}`,
        entity: 'callback',
        entityId: id,
        before: { status: callback.status, attempts: callback.attempts },
        after: { attemptId: attempt.id, attempts, reached, resolved, satisfaction: attempt.satisfaction },
      });
    });

    const [row] = await this.repo.list(this.database.db, { ids: [id], limit: 1 });
    return toListItem(row!, Date.now());
  }
}
