import { Module } from '@nestjs/common';
import { CrewsModule } from '../crews/crews.module.js';
import { EventsModule } from '../events/events.module.js';
import { RealtimeModule } from '../realtime/realtime.module.js';
import { GpsController } from './gps.controller.js';
import { GpsGateway } from './gps.gateway.js';
import { GpsRepository } from './gps.repository.js';
import { GpsService } from './gps.service.js';
import { GpsRetentionService } from './gps-retention.service.js';

/** Crew positions: ingestion (HTTP and socket), the live markers, the trail and its retention. */
@Module({
  imports: [RealtimeModule, EventsModule, CrewsModule],
  controllers: [GpsController],
  providers: [GpsRepository, GpsService, GpsRetentionService, GpsGateway],
  exports: [GpsRepository],
})
export class GpsModule {}
