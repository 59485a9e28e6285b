import { type CrewStatus, rooms } from '@gd/domain';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DomainEventBus } from '../events/event-bus.js';
import { RealtimeService } from '../realtime/realtime.service.js';
import { toCrew } from './crew.view.js';
import { crewWatchRooms } from './crew-rooms.js';
import type { CrewRow } from './crews.repository.js';

/** Crews on the sockets: `crew.status` (status, order and the whole crew) after each `crew.changed` commits. */
@Injectable()
export class CrewSocketsListener implements OnModuleInit {
  constructor(
    private readonly events: DomainEventBus,
    private readonly realtime: RealtimeService,
  ) {}

  onModuleInit() {
    this.events.afterCommit('crew.changed', 'crews: sockets', ({ crew }) => this.push(crew));
  }

  push(row: CrewRow) {
    this.realtime.emit(
      'crew.status',
      {
        id: row.id,
        crewId: row.id,
        status: row.status as CrewStatus,
        ticketId: row.ticketId,
        crew: toCrew(row),
      },
      [...crewWatchRooms(row), rooms.crew(row.id)],
    );
  }
}
