import { geofenceArrival, type TicketStatus } from '@gd/domain';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { SystemActor } from '../common/actor.js';
import { CrewsRepository } from '../crews/crews.repository.js';
import type { DatabaseHandle } from '../db/client.js';
import { InjectDatabase } from '../db/database.module.js';
import { inTransaction } from '../db/transaction.js';
import { DomainEventBus } from '../events/event-bus.js';
import { GpsRepository } from '../gps/gps.repository.js';
import { TicketWorkflowService } from '../tickets/ticket-workflow.service.js';
import { TicketsRepository } from '../tickets/tickets.repository.js';
import { DispatchSettingsService } from './dispatch-settings.service.js';

const GEOFENCE: SystemActor = { system: 'geofence', role: 'crew' };
const ON_THE_WAY: TicketStatus[] = ['dispatched', 'acknowledged', 'en_route'];
const THERE: TicketStatus[] = ['on_site', 'restored'];
/** Fixes looked at per check: enough for the dwell at any sane reporting rate. */
const WINDOW = 30;

/**
 * Geofence arrival: after each accepted GPS batch of a crew on an order, looks at its fixes since it was assigned
 * and, once the debounced `geofenceArrival` says it is inside the circle around the site, moves the order to
 * on_site through the workflow (the arrival clock stops there; `arrivalManual` stays false) and stamps the
 * assignment. For a combined order the first crew in stops the clock; later crews only get their own arrival.
 */
@Injectable()
export class ArrivalService implements OnModuleInit {
  constructor(
    @InjectDatabase() private readonly database: DatabaseHandle,
    private readonly crews: CrewsRepository,
    private readonly gps: GpsRepository,
    private readonly events: DomainEventBus,
    private readonly tickets: TicketsRepository,
    private readonly workflow: TicketWorkflowService,
    private readonly settings: DispatchSettingsService,
  ) {}

  onModuleInit() {
    this.events.afterCommit('position.stored', 'dispatch: geofence arrival', (e) =>
      this.positionsAccepted(e.crewId),
    );
  }

  async positionsAccepted(crewId: string): Promise<void> {
    const db = this.database.db;
    const crew = await this.crews.findById(db, crewId);
    if (!crew?.ticketId) return;
    const assignment = await this.crews.activeAssignment(db, crewId);
    if (!assignment || assignment.ticketId !== crew.ticketId || assignment.arrivedAt) return;
    const ticket = await this.tickets.findById(db, assignment.ticketId);
    if (!ticket || ticket.lat === null || ticket.lng === null) return;
    const status = ticket.status as TicketStatus;
    if (!ON_THE_WAY.includes(status) && !THERE.includes(status)) return;

    const settings = await this.settings.get(db);
    const points = await this.gps.recent(db, crewId, assignment.assignedAt, WINDOW);
    const fence = geofenceArrival(
      points.map((p) => ({ lat: p.lat, lng: p.lng, at: p.recordedAt, accuracyM: p.accuracyM })),
      { lat: ticket.lat, lng: ticket.lng },
      { radiusM: settings.geofenceRadiusM },
    );
    if (!fence.arrived) return;

    await inTransaction(db, async (tx) => {
      const t = await this.tickets.lock(tx, ticket.id);
      const mine = await this.crews.lockActiveAssignment(tx, crewId);
      if (!t || !mine || mine.ticketId !== t.id || mine.arrivedAt) return;
      // The crew arrived when it entered the fence, not when the batch saying so was processed (a late upload).
      const arrivedAt = fence.at!;
      const facts = { crewId, arrivedAt: fence.at!.toISOString(), distanceM: fence.lastDistanceM };
      if (ON_THE_WAY.includes(t.status as TicketStatus)) {
        const primary = t.crewId && t.crewId !== crewId ? await this.crews.lock(tx, t.crewId) : null;
        const primaryAssignment = primary ? await this.crews.lockActiveAssignment(tx, primary.id) : null;
        await this.workflow.transition(tx, t.id, 'on_site', GEOFENCE, {
          manualArrival: false,
          at: arrivedAt,
          data: facts,
        });
        if (primary && primaryAssignment && !primaryAssignment.arrivedAt) {
          // The workflow moved the order's main crew on site; it is another crew of a combined order that arrived.
          const restored = await this.crews.setOrderStatus(tx, primary.id, primary.status, t.id);
          await this.crews.stampAssignment(tx, primaryAssignment.id, null, false);
          if (restored) await this.events.raise(tx, 'crew.changed', { crew: restored });
        }
      }
      if (t.crewId !== crewId || !ON_THE_WAY.includes(t.status as TicketStatus)) {
        await this.crews.stampAssignment(tx, mine.id, arrivedAt, false);
        const row = await this.crews.setOrderStatus(tx, crewId, 'on_site', t.id);
        await this.tickets.addEvent(tx, {
          ticketId: t.id,
          actorId: null,
          kind: 'crew_arrived',
          data: { ...facts, system: 'geofence' },
        });
        if (row) await this.events.raise(tx, 'crew.changed', { crew: row });
      }
    });
  }
}
