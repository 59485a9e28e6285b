import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { DatabaseHandle, Transaction } from '../db/client.js';
import { InjectDatabase } from '../db/database.module.js';
import { afterCommitOf } from '../db/transaction.js';
import { DomainEventBus } from '../events/event-bus.js';
import { FAN_OUT_QUEUE, MessageQueue, SEND_QUEUE } from './message-queue.js';
import { outageReminders } from './message-rules.js';
import { MessagesRepository } from './messages.repository.js';
import { MessagesService } from './messages.service.js';
import { MessagesWorker } from './messages.worker.js';

/**
 * The customer's messages that follow from order and outage events, written into the outbox inside the change's
 * transaction (so a message exists exactly when its change does), except the acceptance of a new order: that
 * order is one committed statement, so its message is written just after, and swept up by the worker if the node
 * died in between. Every message is keyed by its event, so seeing an event twice writes one message.
 */
@Injectable()
export class MessagesListener implements OnModuleInit {
  constructor(
    private readonly events: DomainEventBus,
    private readonly messages: MessagesService,
    private readonly repo: MessagesRepository,
    private readonly worker: MessagesWorker,
    private readonly queue: MessageQueue,
    @InjectDatabase() private readonly database: DatabaseHandle,
  ) {}

  onModuleInit() {
    this.events.afterCommit('ticket.created', 'messages: accepted', async (e) => {
      if (await this.messages.accepted(this.database.db, e.ticket)) this.worker.kick();
    });

    this.events.inTransaction('ticket.dispatched', 'messages: dispatched', async (e, tx) => {
      const t = e.ticket;
      const crew = (await this.repo.crewName(tx, e.crewId)) ?? '抢修班组';
      const eta = e.etaMinutes === null ? '30' : String(Math.max(1, Math.round(e.etaMinutes)));
      await this.write(tx, () =>
        this.messages.forTicket(
          tx,
          t,
          'crew_dispatched',
          { number: t.number, crew, eta },
          `ticket:${t.id}:crew_dispatched:${e.crewId}:${t.reopenCount}`,
        ),
      );
    });

    this.events.inTransaction('ticket.status-changed', 'messages: status', async (e, tx) => {
      const t = e.ticket;
      const round = t.reopenCount;
      if (e.to === 'on_site') {
        const crew = (await this.repo.crewName(tx, t.crewId)) ?? '抢修班组';
        await this.write(tx, () =>
          this.messages.forTicket(
            tx,
            t,
            'crew_arriving',
            { number: t.number, crew },
            `ticket:${t.id}:crew_arriving:${round}`,
          ),
        );
      } else if (e.to === 'restored') {
        await this.write(tx, () =>
          this.messages.forTicket(
            tx,
            t,
            'power_restored',
            { number: t.number },
            `ticket:${t.id}:power_restored:${round}`,
          ),
        );
      } else if (e.to === 'completed') {
        await this.write(tx, () =>
          this.messages.forTicket(
            tx,
            t,
            'order_completed',
            { number: t.number },
            `ticket:${t.id}:order_completed:${round}`,
          ),
        );
      }
    });

    // Staff-chosen recipients on a breach (MESSAGES_ESCALATION_TO), once per order and clock.
    this.events.inTransaction('sla.breached', 'messages: escalation', async (e, tx) => {
      if (!this.messages.escalates) return;
      const number = await this.repo.ticketNumber(tx, e.ticketId);
      if (!number) return;
      if ((await this.messages.escalation(tx, { ...e, number })).length) this.kickAfter(tx);
    });

    // Outages: one pg-boss fan-out job per message kind, expanded by the worker (never one row per customer here).
    this.events.inTransaction('outage.published', 'messages: outage', async (e, tx) => {
      await this.queue.enqueueFanOuts(tx, outageReminders(e.outage, new Date()));
      this.kickAfter(tx, FAN_OUT_QUEUE);
    });

    this.events.inTransaction('outage.restored', 'messages: outage restored', async (e, tx) => {
      const o = e.outage;
      if (o.startsAt > new Date()) return; // a planned outage called off before it began: nobody lost power
      await this.queue.enqueueFanOuts(tx, [{ kind: 'outage_restored', outageId: o.id }]);
      this.kickAfter(tx, FAN_OUT_QUEUE);
    });
  }

  private async write(tx: Transaction, fn: () => Promise<unknown>) {
    if (await fn()) this.kickAfter(tx);
  }

  private kickAfter(tx: Transaction, queue: typeof SEND_QUEUE | typeof FAN_OUT_QUEUE = SEND_QUEUE) {
    afterCommitOf(tx)?.(() => this.worker.kick(queue));
  }
}
