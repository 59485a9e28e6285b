import { DEFAULT_CALENDAR, derive } from '../_lib/clockCore.js';
import { ClockTransitionError } from '../_lib/errors.js';
import { toIso, toMs } from '../_lib/instant.js';
import { closeOpenPause, openPauseIndex, sortPauses } from '../_lib/transitions.js';
import type { BusinessCalendar, Clock, Instant } from '../types.js';

export interface EmergencyWindow {
  from: Instant;
  /** `null`: still going on (an open pause, closed later with `resumeClock`). */
  to: Instant | null;
  mode: 'pause' | 'exempt';
}

/**
 * Applies an area-wide emergency (typhoon, grid-wide failure) to one clock; can be applied after the fact.
 * Clocks whose life `[startedAt, stoppedAt]` does not overlap the window are returned unchanged, as are
 * exempt clocks.
 *
 * - `pause`: adds a pause (reason `area_emergency`) for the overlap of the window and the clock's life;
 *   merged with other pauses. With `to: null` an open pause (unchanged if the clock is already paused).
 * - `exempt`: exempts the clock (reason `area_emergency`) from the later of `from` and `startedAt`.
 *
 * `rawDueAt` never changes, so reports can show raw and adjusted figures (`clockOutcome`, `compliance`).
 *
 * @example
 * // Restoration 4 h from 08:00, typhoon 09:00–11:00 → due 14:00 instead of 12:00.
 * applyEmergency(c, { from: '2026-09-21T09:00:00+08:00', to: '2026-09-21T11:00:00+08:00', mode: 'pause' }).dueAt;
 * //=> '2026-09-21T06:00:00.000Z'
 */
export function applyEmergency(
  clock: Clock,
  window: EmergencyWindow,
  calendar: BusinessCalendar = DEFAULT_CALENDAR,
): Clock {
  const fromMs = toMs(window.from, 'from');
  const toMsValue = window.to === null ? Number.POSITIVE_INFINITY : toMs(window.to, 'to');
  if (!(toMsValue > fromMs))
    throw new ClockTransitionError('invalid_window', 'the emergency must end after it starts');
  if (window.mode !== 'pause' && window.mode !== 'exempt')
    throw new RangeError(`unknown mode "${String(window.mode)}"`);
  if (clock.exempt !== null) return clock;
  const startMs = toMs(clock.startedAt);
  const stopMs = clock.stoppedAt === null ? Number.POSITIVE_INFINITY : toMs(clock.stoppedAt);
  const from = Math.max(fromMs, startMs);
  const to = Math.min(toMsValue, stopMs);
  if (!(to > from)) return clock;

  if (window.mode === 'exempt') {
    const pauses =
      clock.stoppedAt === null && openPauseIndex(clock) >= 0
        ? closeOpenPauseNoEarlier(clock, from)
        : clock.pauses;
    return derive(
      { ...clock, pauses, exempt: { reason: 'area_emergency', at: toIso(from) } },
      calendar,
      from,
    );
  }
  if (to === Number.POSITIVE_INFINITY) {
    if (openPauseIndex(clock) >= 0) return clock;
    return derive(
      {
        ...clock,
        pauses: sortPauses([...clock.pauses, { from: toIso(from), to: null, reason: 'area_emergency' }]),
      },
      calendar,
      from,
    );
  }
  const pauses = sortPauses([
    ...clock.pauses,
    { from: toIso(from), to: toIso(to), reason: 'area_emergency' },
  ]);
  return derive({ ...clock, pauses }, calendar, clock.stoppedAt === null ? from : stopMs);
}

function closeOpenPauseNoEarlier(clock: Clock, atMs: number) {
  const open = clock.pauses[openPauseIndex(clock)]!;
  return closeOpenPause(clock, Math.max(atMs, toMs(open.from)));
}
