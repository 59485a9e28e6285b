import { Module } from '@nestjs/common';
import { CallsController } from '../calls/calls.controller.js';
import { CallsRepository } from '../calls/calls.repository.js';
import { CallsService } from '../calls/calls.service.js';
import { CustomersController } from '../customers/customers.controller.js';
import { CustomersRepository } from '../customers/customers.repository.js';
import { CustomersService } from '../customers/customers.service.js';
import { NotificationsController } from '../notifications/notifications.controller.js';
import { NotificationsRepository } from '../notifications/notifications.repository.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { OutagesController } from '../outages/outages.controller.js';
import { OutagesRepository } from '../outages/outages.repository.js';
import { OutagesService } from '../outages/outages.service.js';
import { TicketViews } from './ticket.views.js';
import { TicketWorkflowService } from './ticket-workflow.service.js';
import { TicketsController } from './tickets.controller.js';
import { TicketsRepository } from './tickets.repository.js';
import { TicketsService } from './tickets.service.js';

/**
 * Call-taking and work orders (issue 4): customers, calls, tickets and their status machine, first-responder
 * accountability, outages, notifications, and the SLA clocks of each order. Other modules import it for
 * TicketWorkflowService (dispatch, geofence, callbacks), TicketViews and NotificationsService; SlaClockService
 * comes from the global SlaModule (one instance, so its caches are one).
 */
@Module({
  controllers: [
    CustomersController,
    CallsController,
    TicketsController,
    OutagesController,
    NotificationsController,
  ],
  providers: [
    CustomersRepository,
    CustomersService,
    CallsRepository,
    CallsService,
    TicketsRepository,
    TicketViews,
    TicketWorkflowService,
    TicketsService,
    OutagesRepository,
    OutagesService,
    NotificationsRepository,
    NotificationsService,
  ],
  exports: [
    TicketWorkflowService,
    TicketsRepository,
    TicketViews,
    NotificationsService,
    OutagesService,
    CustomersRepository,
  ],
})
export class WorkOrdersModule {}
