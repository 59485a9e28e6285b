import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { EventsModule } from '../events/events.module.js';
import { RealtimeModule } from '../realtime/realtime.module.js';
import { OutageSocketsListener } from './outage-sockets.listener.js';
import { OutagesController } from './outages.controller.js';
import { OutagesRepository } from './outages.repository.js';
import { OutagesService } from './outages.service.js';

/** Outages in force (reference data for call-taking): published, found by place, restored. */
@Module({
  imports: [AuditModule, RealtimeModule, EventsModule],
  controllers: [OutagesController],
  providers: [OutagesRepository, OutagesService, OutageSocketsListener],
  exports: [OutagesService],
})
export class OutagesModule {}
