import { type CrewPositionEvent, rooms } from '@gd/domain';
import { crewWatchRooms } from '../crews/crew-rooms.js';
import type { RealtimeService } from '../realtime/realtime.service.js';

/** Positions pushed within this long go out together. */
export const FANOUT_MS = 20;

/**
 * The live markers to the sockets that watch crews, one `crew.positions` message per room per tick instead of one
 * message per fix: at 2,000 fixes a second to 50 dispatchers, a message per fix is 100,000 socket writes a second
 * and the event loop falls behind (the GPS benchmark's latency grew to seconds). Each tick sends every fix to the
 * roles that watch all crews, a district's fixes to that district's room (except sockets already served by a role
 * room) and a crew's own fixes to its crew room (except those too).
 */
export class PositionFanout {
  private queued: { district: string | null; e: CrewPositionEvent }[] = [];
  private timer: NodeJS.Timeout | null = null;
  /** The rooms that watch every crew (crewWatchRooms without a district). */
  private readonly watchAll = crewWatchRooms({ id: '', district: null });

  constructor(private readonly realtime: RealtimeService) {}

  push(district: string | null, e: CrewPositionEvent) {
    this.queued.push({ district, e });
    this.timer ??= setTimeout(() => this.flush(), FANOUT_MS);
  }

  flush() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.queued;
    this.queued = [];
    if (!batch.length) return;
    this.realtime.emit(
      'crew.positions',
      batch.map((b) => b.e),
      this.watchAll,
    );
    const byDistrict = new Map<string, CrewPositionEvent[]>();
    const byCrew = new Map<string, { district: string | null; list: CrewPositionEvent[] }>();
    for (const { district, e } of batch) {
      if (district) byDistrict.set(district, [...(byDistrict.get(district) ?? []), e]);
      const crew = byCrew.get(e.crewId) ?? { district, list: [] };
      crew.list.push(e);
      byCrew.set(e.crewId, crew);
    }
    for (const [district, list] of byDistrict)
      this.realtime.emit('crew.positions', list, [rooms.district(district)], this.watchAll);
    for (const [crewId, { district, list }] of byCrew)
      this.realtime.emit(
        'crew.positions',
        list,
        [rooms.crew(crewId)],
        [...this.watchAll, ...(district ? [rooms.district(district)] : [])],
      );
  }
}
