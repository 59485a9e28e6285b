import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { EventsModule } from '../events/events.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { RealtimeModule } from '../realtime/realtime.module.js';
import { TicketsModule } from '../tickets/tickets.module.js';
import { CallbackSocketsListener } from './callback-sockets.listener.js';
import { CallbackSurveyService } from './callback-survey.service.js';
import { CallbacksController } from './callbacks.controller.js';
import { CallbacksRepository } from './callbacks.repository.js';
import { CallbacksService } from './callbacks.service.js';

/** 回访: a callback task opens when an order completes (a listener of `ticket.status-changed`); QA's surveys. */
@Module({
  imports: [AuditModule, RealtimeModule, EventsModule, TicketsModule, NotificationsModule],
  controllers: [CallbacksController],
  providers: [CallbacksRepository, CallbacksService, CallbackSurveyService, CallbackSocketsListener],
})
export class CallbacksModule {}
