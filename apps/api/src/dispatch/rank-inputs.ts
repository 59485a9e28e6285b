import type { CrewSkill, CrewStatus, LatLng, Priority, RankCrew, RankOrder, ZoneClass } from '@gd/domain';
import { UnprocessableEntityException } from '@nestjs/common';
import type { CrewRow } from '../crews/crews.repository.js';
import type { TicketRow } from '../tickets/tickets.repository.js';

/** A crew row as the ranking (`rankCrews`) and the planner see it. */
export function toRankCrew(r: CrewRow): RankCrew {
  return {
    id: r.id,
    skills: r.skills as CrewSkill[],
    status: r.status as CrewStatus,
    position: r.lastLat !== null && r.lastLng !== null ? { lat: r.lastLat, lng: r.lastLng } : null,
    depot: { lat: r.depotLat, lng: r.depotLng },
    shift: r.shiftStart && r.shiftEnd ? { start: r.shiftStart, end: r.shiftEnd } : null,
  };
}

/** An order as the ranking sees it; 422 when it has no location (no crew can be ranked for it). */
export function orderOf(ticket: TicketRow, dueAt: Date | null): RankOrder & { location: LatLng } {
  if (ticket.lat === null || ticket.lng === null) {
    throw new UnprocessableEntityException(`order ${ticket.number} has no location: no crew can be ranked`);
  }
  return {
    location: { lat: ticket.lat, lng: ticket.lng },
    zoneClass: (ticket.zoneClass ?? 'urban') as ZoneClass,
    requiredSkills: ticket.requiredSkills as CrewSkill[],
    priority: ticket.priority as Priority,
    arrivalDueAt: dueAt,
  };
}
