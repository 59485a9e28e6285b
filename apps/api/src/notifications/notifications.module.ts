import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module.js';
import { RealtimeModule } from '../realtime/realtime.module.js';
import { StaffModule } from '../staff/staff.module.js';
import { NotificationSocketsListener } from './notification-sockets.listener.js';
import { NotificationsController } from './notifications.controller.js';
import { NotificationsListener } from './notifications.listener.js';
import { NotificationsRepository } from './notifications.repository.js';
import { NotificationsService } from './notifications.service.js';

/** Personal notices to staff, from order events (NotificationsListener) and from dispatch and callbacks. */
@Module({
  imports: [RealtimeModule, StaffModule, EventsModule],
  controllers: [NotificationsController],
  providers: [
    NotificationsRepository,
    NotificationsService,
    NotificationsListener,
    NotificationSocketsListener,
  ],
  exports: [NotificationsService],
})
export class NotificationsModule {}
