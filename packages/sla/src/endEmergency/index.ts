import { DEFAULT_CALENDAR, derive } from '../_lib/clockCore.js';
import { toIso, toMs } from '../_lib/instant.js';
import type { EmergencyWindow } from '../applyEmergency/index.js';
import type { BusinessCalendar, Clock, Instant } from '../types.js';

/**
 * Ends an area emergency early at `endAt`: undoes, for one clock, what `applyEmergency` did for the part of the
 * window after `endAt`. Clocks the window never touched come back unchanged.
 *
 * - `pause`: the `area_emergency` pauses inside the window are cut at `endAt`; one starting at or after `endAt`
 *   (an emergency declared ahead and ended before it began) is removed.
 * - `exempt`: an `area_emergency` exemption from `endAt` or later (inside the window) is lifted; one from before
 *   `endAt` stays — the clock ran under the emergency.
 *
 * @example
 * // Restoration 4 h from 08:00, typhoon declared 09:00–13:00 (due 16:00), ended at 10:00 → due 13:00.
 * endEmergency(paused, { from: '…T09:00+08:00', to: '…T13:00+08:00', mode: 'pause' }, '…T10:00+08:00').dueAt;
 */
export function endEmergency(
  clock: Clock,
  window: EmergencyWindow,
  endAt: Instant,
  calendar: BusinessCalendar = DEFAULT_CALENDAR,
): Clock {
  const fromMs = toMs(window.from, 'from');
  const toMsValue = window.to === null ? Number.POSITIVE_INFINITY : toMs(window.to, 'to');
  const endMs = toMs(endAt, 'endAt');
  if (endMs >= toMsValue) return clock;
  const inside = (ms: number) => ms >= fromMs && ms <= toMsValue;
  if (window.mode === 'exempt') {
    const e = clock.exempt;
    if (e === null || e.reason !== 'area_emergency') return clock;
    if (!inside(toMs(e.at)) || toMs(e.at) < endMs) return clock;
    return derive({ ...clock, exempt: null }, calendar, asOf(clock, endMs));
  }
  let changed = false;
  const pauses = [];
  for (const p of clock.pauses) {
    const pFrom = toMs(p.from);
    const pTo = p.to === null ? Number.POSITIVE_INFINITY : toMs(p.to);
    if (p.reason !== 'area_emergency' || !inside(pFrom) || pTo > toMsValue || pTo <= endMs) {
      pauses.push(p);
      continue;
    }
    changed = true;
    if (pFrom < endMs) pauses.push({ ...p, to: toIso(endMs) });
  }
  if (!changed) return clock;
  return derive({ ...clock, pauses }, calendar, asOf(clock, endMs));
}

const asOf = (clock: Clock, endMs: number) => (clock.stoppedAt === null ? endMs : toMs(clock.stoppedAt));
