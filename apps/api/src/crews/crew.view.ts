import type { Crew, CrewSkill, CrewStatus } from '@gd/domain';
import type { CrewRow } from './crews.repository.js';

const hhmm = (t: string | null) => (t ? t.slice(0, 5) : null);

/** The public shape of a crew (GET /api/crews). */
export function toCrew(r: CrewRow): Crew {
  const start = hhmm(r.shiftStart);
  const end = hhmm(r.shiftEnd);
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    skills: r.skills as CrewSkill[],
    status: r.status as CrewStatus,
    depot: { lat: r.depotLat, lng: r.depotLng, ...(r.depotName ? { name: r.depotName } : {}) },
    position:
      r.lastLat !== null && r.lastLng !== null && r.lastAt !== null
        ? {
            lat: r.lastLat,
            lng: r.lastLng,
            at: r.lastAt.toISOString(),
            speedKmh: r.lastSpeedKmh,
            heading: r.lastHeading,
          }
        : null,
    ticketId: r.ticketId,
    district: r.district,
    vehicle: r.vehicle,
    shift: start && end ? { start, end } : null,
    phone: r.phone,
  };
}
