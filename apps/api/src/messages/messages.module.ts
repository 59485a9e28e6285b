import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import type { Config } from '../config.js';
import { CONFIG } from '../config.module.js';
import { EventsModule } from '../events/events.module.js';
import { channelFromConfig } from './channels/index.js';
import { MessageQueue } from './message-queue.js';
import { MessagesController } from './messages.controller.js';
import { MessagesListener } from './messages.listener.js';
import { MessagesRepository } from './messages.repository.js';
import { MESSAGE_CHANNEL, MessagesService } from './messages.service.js';
import { MessagesWorker } from './messages.worker.js';

/**
 * Messages to customers (docs/messages.md): an outbox written from order and outage events, sent by pg-boss
 * workers on every node through the configured channel, and read by staff at GET /api/messages.
 */
@Module({
  imports: [AuditModule, EventsModule],
  controllers: [MessagesController],
  providers: [
    { provide: MESSAGE_CHANNEL, inject: [CONFIG], useFactory: (config: Config) => channelFromConfig(config) },
    MessagesRepository,
    MessageQueue,
    MessagesService,
    MessagesWorker,
    MessagesListener,
  ],
  exports: [MessagesService, MessagesWorker],
})
export class MessagesModule {}
