import { DEFAULT_CALENDAR, derive } from '../_lib/clockCore.js';
import { ClockTransitionError } from '../_lib/errors.js';
import { toIso, toMs } from '../_lib/instant.js';
import { assertNotBeforeStart, closeOpenPause } from '../_lib/transitions.js';
import type { BusinessCalendar, Clock, Instant } from '../types.js';

/**
 * Stops a clock at `at` (crew arrived, power restored, customer contacted, order answered). An open pause
 * is closed at `at`. The clock is met when `at <= dueAt` (a clock stopped exactly at its due time is met),
 * breached otherwise (`breachedAt` = `dueAt`). Exempt clocks can be stopped too, for raw reports.
 *
 * Throws {@link ClockTransitionError}: `stopped` (already stopped), `before_start`, `out_of_order`.
 *
 * @example
 * const c = startClock(arrival30, '2026-09-21T23:50:00+08:00'); // due 00:20 the next day
 * stopClock(c, '2026-09-22T00:20:00+08:00').breachedAt; //=> null (met, on the dot)
 * stopClock(c, '2026-09-22T00:21:00+08:00').breachedAt; //=> '2026-09-21T16:20:00.000Z'
 */
export function stopClock(clock: Clock, at: Instant, calendar: BusinessCalendar = DEFAULT_CALENDAR): Clock {
  const atMs = toMs(at, 'at');
  if (clock.stoppedAt !== null) throw new ClockTransitionError('stopped', 'the clock is already stopped');
  assertNotBeforeStart(clock, atMs);
  return derive({ ...clock, pauses: closeOpenPause(clock, atMs), stoppedAt: toIso(atMs) }, calendar, atMs);
}
