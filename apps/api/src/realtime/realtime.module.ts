import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { EventsModule } from '../events/events.module.js';
import { AccountSessions } from './account-sessions.js';
import { RealtimeGateway } from './realtime.gateway.js';
import { RealtimeService } from './realtime.service.js';

/** socket.io: the gateway (the same token as HTTP, rooms by role, user, district, crew, team), pushes, node events. */
@Module({
  imports: [AuthModule, EventsModule],
  providers: [RealtimeService, RealtimeGateway, AccountSessions],
  exports: [RealtimeService],
})
export class RealtimeModule {}
