import { rooms } from '@gd/domain';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DomainEventBus } from '../events/event-bus.js';
import { RealtimeService } from '../realtime/realtime.service.js';
import { toNotificationEvent } from './notifications.service.js';

/** Staff notices on the sockets: each new notice to its recipient's room once the notice has committed. */
@Injectable()
export class NotificationSocketsListener implements OnModuleInit {
  constructor(
    private readonly events: DomainEventBus,
    private readonly realtime: RealtimeService,
  ) {}

  onModuleInit() {
    this.events.afterCommit('notification.created', 'notifications: sockets', ({ rows }) => {
      for (const row of rows) {
        const { readAt: _r, data: _d, ...event } = toNotificationEvent(row);
        this.realtime.emit('notification', event, [rooms.user(row.userId)]);
      }
    });
  }
}
