import { Module } from '@nestjs/common';
import { DomainEventBus } from './event-bus.js';

/** The domain event bus (platform layer): imported by every module that raises or listens. */
@Module({
  providers: [DomainEventBus],
  exports: [DomainEventBus],
})
export class EventsModule {}
