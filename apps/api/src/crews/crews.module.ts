import { Global, Module } from '@nestjs/common';
import { ArrivalService } from '../dispatch/arrival.service.js';
import { DispatchController } from '../dispatch/dispatch.controller.js';
import { DispatchRepository } from '../dispatch/dispatch.repository.js';
import { DispatchService } from '../dispatch/dispatch.service.js';
import { RoadEtaService } from '../dispatch/road-eta.js';
import { GpsController } from '../gps/gps.controller.js';
import { GpsGateway } from '../gps/gps.gateway.js';
import { GpsRepository } from '../gps/gps.repository.js';
import { GpsService, POSITION_LISTENER } from '../gps/gps.service.js';
import { GpsRetentionService } from '../gps/gps-retention.service.js';
import { WorkOrdersModule } from '../tickets/work-orders.module.js';
import { CrewsController } from './crews.controller.js';
import { CrewsRepository } from './crews.repository.js';
import { CrewsService } from './crews.service.js';

/**
 * Crews, their GPS (trail, live marker, retention) and dispatch (ranking, assignments, geofence arrival,
 * auto-dispatch). Global so the order module can reach `DispatchService.autoDispatch` without importing this
 * module back (this one imports it for the ticket workflow).
 */
@Global()
@Module({
  imports: [WorkOrdersModule],
  controllers: [CrewsController, GpsController, DispatchController],
  providers: [
    CrewsRepository,
    CrewsService,
    GpsRepository,
    GpsService,
    GpsRetentionService,
    GpsGateway,
    DispatchRepository,
    DispatchService,
    RoadEtaService,
    ArrivalService,
    { provide: POSITION_LISTENER, useExisting: ArrivalService },
  ],
  exports: [CrewsService, CrewsRepository, GpsService, DispatchService],
})
export class CrewsModule {}
