import { MANUAL_ARRIVAL, manualArrival } from '@gd/domain';
import { BadRequestException, ConflictException, Injectable, type OnModuleInit } from '@nestjs/common';
import { isSystem } from '../common/actor.js';
import type { Transaction } from '../db/client.js';
import type { DomainEvents } from '../events/domain-events.js';
import { DomainEventBus } from '../events/event-bus.js';
import { GpsRepository } from '../gps/gps.repository.js';
import { TicketsRepository } from '../tickets/tickets.repository.js';

/**
 * The check on an arrival typed in by hand (`manualArrival` in @gd/domain), here because this module knows the
 * crews' GPS trails and the tickets module must not: inside the transaction that moves the order on site, so a
 * refusal (a 409 naming the distance) rolls the whole move back and changes nothing.
 *
 * - A crew whose newest fix of the last 10 minutes is more than 1 km from the site is refused.
 * - A crew with no fix in that window is believed; the order is flagged `no_recent_fix` for reports.
 * - A dispatcher (or supervisor, admin) may record it for the crew whatever the fix says, with a reason (the
 *   move's note, else 400); flagged `by_dispatcher`.
 * The geofence's own arrivals (a system actor) are not checked: they are the fixes.
 */
@Injectable()
export class ManualArrivalListener implements OnModuleInit {
  constructor(
    private readonly events: DomainEventBus,
    private readonly gps: GpsRepository,
    private readonly tickets: TicketsRepository,
  ) {}

  onModuleInit() {
    this.events.inTransaction('ticket.status-changed', 'dispatch: manual arrival check', (e, tx) =>
      this.check(e, tx),
    );
  }

  private async check(e: DomainEvents['ticket.status-changed'], tx: Transaction) {
    const { ticket, actor } = e;
    if (e.to !== 'on_site' || e.from === 'on_site' || isSystem(actor)) return;
    if (ticket.lat === null || ticket.lng === null || !ticket.crewId) return;
    const by = actor.role === 'crew' ? 'crew' : 'dispatcher';
    const crewId = by === 'crew' ? (actor.crewId ?? ticket.crewId) : ticket.crewId;
    const now = new Date();
    const [fix] = await this.gps.recent(tx, crewId, new Date(now.getTime() - MANUAL_ARRIVAL.recentFixMs), 1);
    const verdict = manualArrival({
      site: { lat: ticket.lat, lng: ticket.lng },
      fix: fix ? { lat: fix.lat, lng: fix.lng, at: fix.recordedAt } : null,
      now,
      by,
      reason: e.note,
    });
    if (!verdict.ok) {
      if (verdict.problem === 'reason_required') {
        throw new BadRequestException(
          `order ${ticket.number}: recording an arrival for the crew needs a reason (note)`,
        );
      }
      throw new ConflictException(
        `order ${ticket.number}: arrival refused — the crew's latest GPS fix (${verdict.fixAgeMinutes} min ago) is ` +
          `${verdict.distanceKm.toFixed(1)} km from the site (more than ${MANUAL_ARRIVAL.maxDistanceKm} km); ` +
          'a dispatcher may record the arrival with a reason',
      );
    }
    // The flag is for reports; the reason is already the move's note on the timeline.
    if (verdict.flag) await this.tickets.update(tx, ticket.id, { arrivalFlag: verdict.flag });
  }
}
