import { rolesFor, rooms } from '@gd/domain';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { DomainEvents } from '../events/domain-events.js';
import { DomainEventBus } from '../events/event-bus.js';
import { RealtimeService } from '../realtime/realtime.service.js';
import { toOutage } from './outage.mapper.js';

/** Outages on the sockets: `outage.updated` to whoever watches outages, once a publication or restoration commits. */
@Injectable()
export class OutageSocketsListener implements OnModuleInit {
  constructor(
    private readonly events: DomainEventBus,
    private readonly realtime: RealtimeService,
  ) {}

  onModuleInit() {
    const push = ({ outage }: DomainEvents['outage.published' | 'outage.restored']) =>
      this.realtime.emit('outage.updated', { id: outage.id, outage: toOutage(outage) }, [
        ...rolesFor('outage.watch').map(rooms.role),
      ]);
    this.events.afterCommit('outage.published', 'outages: sockets', push);
    this.events.afterCommit('outage.restored', 'outages: sockets', push);
  }
}
