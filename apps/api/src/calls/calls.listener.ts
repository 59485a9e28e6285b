import { Injectable, NotFoundException, type OnModuleInit } from '@nestjs/common';
import { DomainEventBus } from '../events/event-bus.js';
import { CallsRepository } from './calls.repository.js';

/** A follow-up call links to the order it urged, in the urging's transaction (no such call: 404, nothing kept). */
@Injectable()
export class CallsListener implements OnModuleInit {
  constructor(
    private readonly events: DomainEventBus,
    private readonly calls: CallsRepository,
  ) {}

  onModuleInit() {
    this.events.inTransaction('ticket.urged', 'calls: link the follow-up call', async (e, tx) => {
      if (!e.callId) return;
      const linked = await this.calls.linkToTicket(tx, e.callId, e.ticket.id, 'follow_up');
      if (!linked) throw new NotFoundException(`no call ${e.callId}`);
    });
  }
}
