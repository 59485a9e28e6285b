import { Module } from '@nestjs/common';
import { CrewsModule } from '../crews/crews.module.js';
import { EventsModule } from '../events/events.module.js';
import { GpsModule } from '../gps/gps.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { TicketsModule } from '../tickets/tickets.module.js';
import { ArrivalService } from './arrival.service.js';
import { DispatchController } from './dispatch.controller.js';
import { DispatchRepository } from './dispatch.repository.js';
import { DispatchService } from './dispatch.service.js';
import { RoadEtaService } from './road-eta.js';

/** Sending crews: ranking, assignment, auto-dispatch of new fault orders, and geofence arrival. */
@Module({
  imports: [EventsModule, CrewsModule, GpsModule, TicketsModule, NotificationsModule],
  controllers: [DispatchController],
  providers: [DispatchRepository, DispatchService, RoadEtaService, ArrivalService],
})
export class DispatchModule {}
