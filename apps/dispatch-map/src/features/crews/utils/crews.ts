import {
  CREW_STATUSES,
  type Crew,
  type CrewPositionEvent,
  type CrewStatus,
  type CrewStatusEvent,
} from '@gd/domain';

/** The one table of crew-status colours (@gd/web), shared with the console. */
export { CREW_STATUS_COLOR } from '@gd/web';

/** A position event applied to a crew: ignored when older than the position it already has. */
export function mergePosition(crew: Crew | undefined, e: CrewPositionEvent): Crew | undefined {
  if (!crew) return undefined; // an unknown crew: the next full fetch brings it
  const at = Date.parse(e.at);
  if (crew.position && Date.parse(crew.position.at) > at) return crew;
  if (
    crew.position &&
    crew.position.lat === e.lat &&
    crew.position.lng === e.lng &&
    crew.position.at === e.at
  ) {
    return crew;
  }
  return {
    ...crew,
    position: { lat: e.lat, lng: e.lng, at: e.at, speedKmh: e.speedKmh ?? null, heading: e.heading ?? null },
  };
}

/** A status event applied to a crew (the event may carry the whole crew). */
export function mergeStatus(crew: Crew | undefined, e: CrewStatusEvent): Crew | undefined {
  if (e.crew) return { ...e.crew, position: newer(crew?.position ?? null, e.crew.position) };
  if (!crew) return undefined;
  if (crew.status === e.status && crew.ticketId === e.ticketId) return crew;
  return { ...crew, status: e.status, ticketId: e.ticketId };
}

function newer(a: Crew['position'], b: Crew['position']): Crew['position'] {
  if (!a) return b;
  if (!b) return a;
  return Date.parse(b.at) >= Date.parse(a.at) ? b : a;
}

export interface CrewFilter {
  district: string;
  crewStatus: CrewStatus | '';
}

export function crewMatches(crew: Crew, district: string | null, f: CrewFilter): boolean {
  if (f.crewStatus && crew.status !== f.crewStatus) return false;
  if (f.district && district !== f.district) return false;
  return true;
}

export function countCrewsByStatus(crews: Iterable<Crew>): Record<CrewStatus, number> {
  const counts = Object.fromEntries(CREW_STATUSES.map((s) => [s, 0])) as Record<CrewStatus, number>;
  for (const c of crews) counts[c.status]++;
  return counts;
}
