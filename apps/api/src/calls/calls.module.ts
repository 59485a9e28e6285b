import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { CustomersModule } from '../customers/customers.module.js';
import { EventsModule } from '../events/events.module.js';
import { OutagesModule } from '../outages/outages.module.js';
import { TicketsModule } from '../tickets/tickets.module.js';
import { CallsController } from './calls.controller.js';
import { CallsListener } from './calls.listener.js';
import { CallsRepository } from './calls.repository.js';
import { CallsService } from './calls.service.js';

/** Calls: the screen pop (the caller's open orders and the outages over them), outcomes, follow-up links. */
@Module({
  imports: [AuditModule, EventsModule, CustomersModule, OutagesModule, TicketsModule],
  controllers: [CallsController],
  providers: [CallsRepository, CallsService, CallsListener],
  exports: [CallsService],
})
export class CallsModule {}
