import type { Outage } from '@gd/domain';
import type { OutageRow } from './outages.repository.js';

export function toOutage(r: OutageRow): Outage {
  return {
    id: r.id,
    kind: r.kind,
    area: r.area,
    startsAt: r.startsAt.toISOString(),
    endsAt: r.endsAt ? r.endsAt.toISOString() : null,
    estimatedRestoreAt: r.estimatedRestoreAt ? r.estimatedRestoreAt.toISOString() : null,
    description: r.description,
    ticketId: r.ticketId,
    status: r.status,
    restoredAt: r.restoredAt ? r.restoredAt.toISOString() : null,
  };
}
