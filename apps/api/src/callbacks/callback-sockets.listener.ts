import { rolesFor, rooms } from '@gd/domain';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DomainEventBus } from '../events/event-bus.js';
import { RealtimeService } from '../realtime/realtime.service.js';

/** Overdue callbacks on the sockets: `callback.due` to QA and supervisors, once the claim commits. */
@Injectable()
export class CallbackSocketsListener implements OnModuleInit {
  constructor(
    private readonly events: DomainEventBus,
    private readonly realtime: RealtimeService,
  ) {}

  onModuleInit() {
    this.events.afterCommit('callback.overdue', 'callbacks: sockets', ({ callbacks }) => {
      for (const c of callbacks) {
        this.realtime.emit(
          'callback.due',
          { id: c.id, ticketId: c.ticketId, dueAt: c.dueAt.toISOString() },
          rolesFor('callback.watch').map(rooms.role),
        );
      }
    });
  }
}
