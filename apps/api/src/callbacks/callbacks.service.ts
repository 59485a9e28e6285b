import {
  type CallbackAttempt,
  type CallbackDetail,
  type CallbackListItem,
  type CallbackStatus,
  type Satisfaction,
  type TicketStatus,
  type TicketType,
} from '@gd/domain';
import {
  Injectable,
  Logger,
  NotFoundException,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import type { Config } from '../config.js';
import { InjectConfig } from '../config.module.js';
import type { DatabaseHandle, DatabaseOrTransaction } from '../db/client.js';
import { InjectDatabase } from '../db/database.module.js';
import type { tickets } from '../db/schema/index.js';
import { inTransaction } from '../db/transaction.js';
import { DomainEventBus } from '../events/event-bus.js';
import { TicketViews, toTimelineEntry } from '../tickets/ticket.views.js';
import { TicketsRepository } from '../tickets/tickets.repository.js';
import {
  type CallbackAttemptRow,
  type CallbackListRow,
  CallbacksRepository,
} from './callbacks.repository.js';
import { needsCallback } from './callbacks.sampling.js';

type TicketRow = typeof tickets.$inferSelect;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * 回访 tasks: created when an order completes (every repair and complaint, a sample of the rest), listed for QA
 * by due time, and escalated once when overdue. The survey itself is in CallbackSurveyService.
 */
@Injectable()
export class CallbacksService implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Callbacks');
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @InjectConfig() private readonly config: Config,
    @InjectDatabase() private readonly database: DatabaseHandle,
    private readonly repo: CallbacksRepository,
    private readonly views: TicketViews,
    private readonly tickets: TicketsRepository,
    private readonly events: DomainEventBus,
  ) {}

  onModuleInit() {
    this.events.inTransaction('ticket.status-changed', 'callbacks: open a callback task', (e, tx) =>
      e.to === 'completed' ? this.onCompleted(tx, e.ticket) : undefined,
    );
  }

  /**
   * Runs inside the transaction that completes an order: opens its callback task, due
   * CALLBACK_DUE_HOURS after completion, unless the order needs none or already has one open.
   */
  async onCompleted(tx: DatabaseOrTransaction, ticket: TicketRow): Promise<void> {
    if (!needsCallback(ticket.type, ticket.id, this.config.CALLBACK_SAMPLE_RATE)) return;
    if (await this.repo.findOpenForTicket(tx, ticket.id)) return;
    const completedAt = ticket.completedAt ?? new Date();
    await this.repo.insert(tx, {
      ticketId: ticket.id,
      dueAt: new Date(completedAt.getTime() + this.config.CALLBACK_DUE_HOURS * 3_600_000),
    });
  }

  async list(opts: { status?: CallbackStatus; limit?: number }): Promise<CallbackListItem[]> {
    const rows = await this.repo.list(this.database.db, { status: opts.status, limit: opts.limit ?? 500 });
    const now = Date.now();
    return rows.map((r) => toListItem(r, now));
  }

  async get(id: string): Promise<CallbackDetail> {
    const db = this.database.db;
    const [row] = await this.repo.list(db, { ids: [id], limit: 1 });
    if (!row) throw new NotFoundException(`no callback ${id}`);
    const ticketRow = await this.tickets.findById(db, row.callback.ticketId);
    if (!ticketRow) throw new NotFoundException(`callback ${id} points at a missing order`);
    const { views } = this;
    const [ticket, calls, timeline, attempts, names] = await Promise.all([
      views.one(ticketRow, db),
      this.repo.callsOf(db, ticketRow.id),
      this.tickets.timeline(db, ticketRow.id),
      this.repo.attemptsOf(db, id),
      this.repo.names(db, ticketRow.crewId, ticketRow.firstResponderId),
    ]);
    return {
      ...toListItem(row, Date.now()),
      ticket,
      calls: calls.map((c) => ({
        id: c.id,
        agentId: c.agentId,
        phone: c.phone,
        channel: c.channel,
        customerId: c.customerId,
        notes: c.notes,
        outcome: c.outcome,
        ticketId: c.ticketId,
        startedAt: c.startedAt.toISOString(),
        endedAt: iso(c.endedAt),
      })),
      timeline: timeline.map(toTimelineEntry),
      crewName: names.crewName,
      firstResponderName: names.userName,
      history: attempts.map((a) => toAttempt(a.attempt, a.agentName)),
    };
  }

  /**
   * Escalates overdue callbacks once: `callback.overdue`, pushed as `callback.due` to QA and supervisors
   * (CallbackSocketsListener). The claim stamps each row in the same
   * statement that picks it (SKIP LOCKED), so with several nodes scanning each callback is announced exactly once.
   */
  async escalateOverdue(now: Date = new Date(), batch = 200): Promise<number> {
    let total = 0;
    for (;;) {
      const claimed = await inTransaction(this.database.db, async (tx) => {
        const rows = await this.repo.claimOverdue(tx, now, batch);
        if (rows.length) await this.events.raise(tx, 'callback.overdue', { callbacks: rows });
        return rows.length;
      });
      total += claimed;
      if (claimed < batch) return total;
    }
  }

  onApplicationBootstrap() {
    const seconds = this.config.CALLBACK_SCAN_SECONDS;
    if (!seconds) return;
    this.timer = setInterval(() => {
      this.escalateOverdue().catch((err: Error) => this.logger.warn(`overdue scan failed: ${err.message}`));
    }, seconds * 1000);
    this.timer.unref();
  }

  onApplicationShutdown() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}

export function toListItem(r: CallbackListRow, now: number): CallbackListItem {
  const c = r.callback;
  const sortAt = c.nextAttemptAt ?? c.dueAt;
  const outcome =
    c.status !== 'done'
      ? null
      : r.lastResolved && r.lastSatisfaction && r.lastSatisfaction !== 'dissatisfied'
        ? 'resolved'
        : 'reopened';
  return {
    id: c.id,
    ticketId: c.ticketId,
    dueAt: c.dueAt.toISOString(),
    attempts: c.attempts,
    status: c.status,
    nextAttemptAt: iso(c.nextAttemptAt),
    sortAt: sortAt.toISOString(),
    overdue: c.status === 'due' && c.dueAt.getTime() <= now,
    createdAt: c.createdAt.toISOString(),
    completedAt: iso(c.completedAt),
    ticketNumber: r.ticketNumber,
    ticketType: r.ticketType as TicketType,
    ticketStatus: r.ticketStatus as TicketStatus,
    customerId: r.customerId,
    customerName: r.customerName,
    customerPhone: r.customerPhone,
    address: r.address,
    district: r.district,
    outcome,
  };
}

export function toAttempt(a: CallbackAttemptRow, agentName: string | null): CallbackAttempt {
  return {
    id: a.id,
    at: a.at.toISOString(),
    agentId: a.agentId,
    agentName,
    reached: a.reached,
    resolved: a.resolved,
    satisfaction: a.satisfaction,
    timeliness: a.timeliness as Satisfaction | null,
    attitude: a.attitude as Satisfaction | null,
    comment: a.comment,
  };
}
