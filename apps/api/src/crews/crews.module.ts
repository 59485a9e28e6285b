import { Module } from '@nestjs/common';
import { GpsController } from '../gps/gps.controller.js';
import { GpsGateway } from '../gps/gps.gateway.js';
import { GpsRepository } from '../gps/gps.repository.js';
import { GpsService } from '../gps/gps.service.js';
import { GpsRetentionService } from '../gps/gps-retention.service.js';
import { CrewsController } from './crews.controller.js';
import { CrewsRepository } from './crews.repository.js';
import { CrewsService } from './crews.service.js';

/** Crews, their GPS (trail, live marker, retention) and dispatch (ranking, assignments, geofence arrival). */
@Module({
  controllers: [CrewsController, GpsController],
  providers: [CrewsRepository, CrewsService, GpsRepository, GpsService, GpsRetentionService, GpsGateway],
  exports: [CrewsService, CrewsRepository, GpsService],
})
export class CrewsModule {}
