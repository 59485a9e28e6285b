import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { CrewsModule } from '../crews/crews.module.js';
import { EventsModule } from '../events/events.module.js';
import { GpsModule } from '../gps/gps.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { RealtimeModule } from '../realtime/realtime.module.js';
import { StaffModule } from '../staff/staff.module.js';
import { TicketsModule } from '../tickets/tickets.module.js';
import { ArrivalService } from './arrival.service.js';
import { AssignmentService } from './assignment.service.js';
import { CandidatesService } from './candidates.service.js';
import { DispatchController } from './dispatch.controller.js';
import { DispatchRepository } from './dispatch.repository.js';
import { DispatchAlerts } from './dispatch-alerts.service.js';
import { DispatchSettingsService } from './dispatch-settings.service.js';
import { ManualArrivalListener } from './manual-arrival.listener.js';
import { PlannerService } from './planner.service.js';
import { RoadEtaService } from './road-eta.js';

/** Sending crews: ranking, assignment, the planner (auto-dispatch of waiting fault orders), the backlog, and arrival (geofence, and the check on an arrival typed in by hand). */
@Module({
  imports: [
    AuditModule,
    RealtimeModule,
    StaffModule,
    EventsModule,
    CrewsModule,
    GpsModule,
    TicketsModule,
    NotificationsModule,
  ],
  controllers: [DispatchController],
  providers: [
    DispatchRepository,
    DispatchSettingsService,
    CandidatesService,
    AssignmentService,
    DispatchAlerts,
    PlannerService,
    RoadEtaService,
    ArrivalService,
    ManualArrivalListener,
  ],
})
export class DispatchModule {}
