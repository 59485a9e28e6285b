import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module.js';
import { OutagesController } from './outages.controller.js';
import { OutagesRepository } from './outages.repository.js';
import { OutagesService } from './outages.service.js';

/** Outages in force (reference data for call-taking): published, found by place, restored. */
@Module({
  imports: [EventsModule],
  controllers: [OutagesController],
  providers: [OutagesRepository, OutagesService],
  exports: [OutagesService],
})
export class OutagesModule {}
