import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { CustomersModule } from '../customers/customers.module.js';
import { EventsModule } from '../events/events.module.js';
import { OutagesModule } from '../outages/outages.module.js';
import { RealtimeModule } from '../realtime/realtime.module.js';
import { SlaModule } from '../sla/sla.module.js';
import { StaffModule } from '../staff/staff.module.js';
import { TerritoryModule } from '../territory/territory.module.js';
import { CustomerOrdersController } from './customer-orders.controller.js';
import { OutageOrdersListener } from './outage-orders.listener.js';
import { PauseRequestsRepository } from './pause-requests.repository.js';
import { SlaTimelineListener } from './sla-timeline.listener.js';
import { TicketViews } from './ticket.views.js';
import { TicketActionsService } from './ticket-actions.service.js';
import { TicketBroadcast } from './ticket-broadcast.js';
import { TicketClocksController } from './ticket-clocks.controller.js';
import { TicketClocksService } from './ticket-clocks.service.js';
import { TicketIntakeService } from './ticket-intake.service.js';
import { TicketMergeService } from './ticket-merge.service.js';
import { TicketPauseRequestsController } from './ticket-pause-requests.controller.js';
import { TicketPauseRequestsService } from './ticket-pause-requests.service.js';
import { TicketPhotosController } from './ticket-photos.controller.js';
import { TicketPhotosRepository } from './ticket-photos.repository.js';
import { TicketPhotosService } from './ticket-photos.service.js';
import { TicketQueriesService } from './ticket-queries.service.js';
import { TicketSocketsListener } from './ticket-sockets.listener.js';
import { TicketWorkflowService } from './ticket-workflow.service.js';
import { TicketsController } from './tickets.controller.js';
import { TicketsRepository } from './tickets.repository.js';

/**
 * Work orders: intake, the status machine (TicketWorkflowService, the one way an order moves), first-responder
 * accountability, merging, pauses of an order's clocks (and the requests for one), the crew's photos, and the
 * orders' side of outages. What follows from an
 * order's moves is raised as domain events for the modules above (crews, callbacks, notifications, dispatch).
 */
@Module({
  imports: [
    AuditModule,
    RealtimeModule,
    StaffModule,
    TerritoryModule,
    EventsModule,
    CustomersModule,
    OutagesModule,
    SlaModule,
  ],
  controllers: [
    TicketsController,
    TicketClocksController,
    TicketPauseRequestsController,
    TicketPhotosController,
    CustomerOrdersController,
  ],
  providers: [
    TicketsRepository,
    TicketViews,
    TicketBroadcast,
    TicketWorkflowService,
    TicketIntakeService,
    TicketQueriesService,
    TicketActionsService,
    TicketMergeService,
    TicketClocksService,
    PauseRequestsRepository,
    TicketPauseRequestsService,
    TicketPhotosRepository,
    TicketPhotosService,
    OutageOrdersListener,
    SlaTimelineListener,
    TicketSocketsListener,
  ],
  exports: [TicketsRepository, TicketViews, TicketWorkflowService, TicketIntakeService],
})
export class TicketsModule {}
