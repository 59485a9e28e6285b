import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { EventsModule } from '../events/events.module.js';
import { RealtimeModule } from '../realtime/realtime.module.js';
import { CrewOrdersListener } from './crew-orders.listener.js';
import { CrewSocketsListener } from './crew-sockets.listener.js';
import { CrewsController } from './crews.controller.js';
import { CrewsRepository } from './crews.repository.js';
import { CrewsService } from './crews.service.js';

/** Crews and their assignments: the register, going on and off duty, and a crew following its order. */
@Module({
  imports: [AuditModule, RealtimeModule, EventsModule],
  controllers: [CrewsController],
  providers: [CrewsRepository, CrewsService, CrewOrdersListener, CrewSocketsListener],
  exports: [CrewsRepository, CrewsService],
})
export class CrewsModule {}
