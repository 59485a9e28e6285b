import type { NoticeParams } from '@gd/domain';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { StaffRepository } from '../auth/staff.repository.js';
import { actorId } from '../common/actor.js';
import type { Transaction } from '../db/client.js';
import type { DomainEvents } from '../events/domain-events.js';
import { DomainEventBus } from '../events/event-bus.js';
import { NotificationsRepository } from './notifications.repository.js';
import { NotificationsService } from './notifications.service.js';

/** The clocks' names in the stored Chinese fallback text of an SLA notice. */
const CLOCK_NAMES: Record<string, string> = {
  arrival: '到达现场',
  restoration: '恢复供电',
  response: '响应',
  resolution: '办结',
};

/**
 * Personal notices that follow from order events, written in the same transaction as the change: a status move
 * tells the first responder and the owner (not whoever made it); a hand-off tells the first responder, the new
 * owner and the former one; an urging tells them and every active dispatcher. An SLA warning or breach tells the
 * first responder, all of a scheduler pass in one statement (the scheduler's own socket events announce them).
 */
@Injectable()
export class NotificationsListener implements OnModuleInit {
  constructor(
    private readonly events: DomainEventBus,
    private readonly notifications: NotificationsService,
    private readonly staff: StaffRepository,
    private readonly repo: NotificationsRepository,
  ) {}

  onModuleInit() {
    this.events.inTransaction('sla.escalated', 'notifications: SLA', (e, tx) => this.slaNotices(e, tx));
    this.events.inTransaction('ticket.status-changed', 'notifications: status', async (e, tx) => {
      const t = e.ticket;
      const by = actorId(e.actor);
      const params = { number: t.number, from: e.from, to: e.to, ...(e.note ? { note: e.note } : {}) };
      const message = `工单 ${t.number}: ${e.from} → ${e.to}${e.note ? ` (${e.note})` : ''}`;
      const data = { from: e.from, to: e.to };
      await this.notify(
        tx,
        [t.firstResponderId, t.ownerId].filter((id) => id !== by),
        e.reopened
          ? { ticketId: t.id, kind: 'reopened', params, message, data }
          : { ticketId: t.id, kind: 'status', params, message, data },
      );
    });
    this.events.inTransaction('ticket.handed-off', 'notifications: hand-off', async (e, tx) => {
      const t = e.ticket;
      await this.notify(tx, [t.firstResponderId, e.to.id, e.fromUserId], {
        ticketId: t.id,
        kind: 'handoff',
        params: { number: t.number, to: e.to.displayName, reason: e.reason },
        message: `工单 ${t.number} 转交给 ${e.to.displayName}: ${e.reason}`,
        data: { fromUserId: e.fromUserId, toUserId: e.to.id, reason: e.reason },
      });
    });
    this.events.inTransaction('ticket.urged', 'notifications: urged', async (e, tx) => {
      const t = e.ticket;
      const dispatchers = await this.staff.list(tx, { role: 'dispatcher' });
      await this.notify(
        tx,
        [t.firstResponderId, t.ownerId, ...dispatchers.filter((d) => !d.disabled).map((d) => d.id)],
        {
          ticketId: t.id,
          kind: 'urged',
          params: { number: t.number, count: e.count, ...(e.note ? { note: e.note } : {}) },
          message: `工单 ${t.number} 催办第 ${e.count} 次${e.note ? `: ${e.note}` : ''}`,
          data: {
            count: e.count,
            ...(e.callId ? { callId: e.callId } : {}),
            ...(e.note ? { note: e.note } : {}),
          },
        },
      );
    });
    // A pause request waits for a supervisor: every active supervisor hears of it (the console's queue reloads).
    this.events.inTransaction('sla.pause-requested', 'notifications: pause requested', async (e, tx) => {
      const r = e.request;
      const supervisors = await this.staff.list(tx, { role: 'supervisor' });
      const by = 'displayName' in e.actor ? e.actor.displayName : '';
      await this.notify(
        tx,
        supervisors.filter((s) => !s.disabled).map((s) => s.id),
        {
          ticketId: e.ticket.id,
          kind: 'pause.requested',
          params: { number: e.ticket.number, clock: r.clock, reason: r.reason, by },
          message: `${by} 申请暂停工单 ${e.ticket.number} 的 ${r.clock} 计时（${r.reason}）`,
          data: { requestId: r.id },
        },
      );
    });
    // The answer goes to whoever asked.
    this.events.inTransaction('sla.pause-decided', 'notifications: pause decided', async (e, tx) => {
      const r = e.request;
      const number = e.ticket.number;
      await this.notify(
        tx,
        [r.requestedBy],
        r.status === 'approved'
          ? {
              ticketId: e.ticket.id,
              kind: 'pause.approved',
              params: { number, clock: r.clock },
              message: `工单 ${number} 的 ${r.clock} 计时暂停申请已批准`,
              data: { requestId: r.id },
            }
          : {
              ticketId: e.ticket.id,
              kind: 'pause.refused',
              params: { number, clock: r.clock, reason: r.decisionNote ?? '' },
              message: `工单 ${number} 的 ${r.clock} 计时暂停申请被驳回：${r.decisionNote ?? ''}`,
              data: { requestId: r.id },
            },
      );
    });
  }

  private async slaNotices({ escalations }: DomainEvents['sla.escalated'], tx: Transaction) {
    await this.repo.insertMany(
      tx,
      escalations.map(({ event, payload: p }) => {
        const what = event === 'sla.warning' ? '即将超时 (SLA warning)' : '已超时 (SLA breached)';
        const params: NoticeParams[typeof event] = { number: p.number, clock: p.clock, dueAt: p.dueAt };
        return {
          userId: p.firstResponderId,
          ticketId: p.ticketId,
          kind: event,
          message: `工单 ${p.number} ${CLOCK_NAMES[p.clock] ?? p.clock}时限${what}，应于 ${p.dueAt} 前完成`,
          data: { clock: p.clock, dueAt: p.dueAt, params },
        };
      }),
    );
  }

  private notify(tx: Transaction, userIds: string[], notice: Parameters<NotificationsService['notify']>[2]) {
    return this.notifications.notify(tx, userIds, notice);
  }
}
