import { rolesFor, rooms } from '@gd/domain';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { DatabaseHandle } from '../db/client.js';
import { InjectDatabase } from '../db/database.module.js';
import { DomainEventBus } from '../events/event-bus.js';
import { RealtimeService } from '../realtime/realtime.service.js';
import { SlaClocksRepository } from './sla-clocks.repository.js';

/**
 * SLA warnings and breaches on the sockets, after the scheduler's commit: the first responder, the dispatchers of
 * the order's district (and city-wide dispatchers, who have no district; every dispatcher when the order has
 * none) and, on a breach, every supervisor.
 */
@Injectable()
export class SlaSocketsListener implements OnModuleInit {
  constructor(
    @InjectDatabase() private readonly database: DatabaseHandle,
    private readonly events: DomainEventBus,
    private readonly repo: SlaClocksRepository,
    private readonly realtime: RealtimeService,
  ) {}

  onModuleInit() {
    this.events.afterCommit('sla.escalated', 'sla: sockets', async ({ escalations }) => {
      const dispatchers = await this.repo.dispatchers(this.database.db);
      for (const { event, payload } of escalations) {
        const targets = [rooms.user(payload.firstResponderId)];
        for (const d of dispatchers)
          if (!d.district || !payload.district || d.district === payload.district)
            targets.push(rooms.user(d.id));
        if (event === 'sla.breached') targets.push(...rolesFor('sla.breach-watch').map(rooms.role));
        this.realtime.emit(event, payload, targets);
      }
    });
  }
}
