import { DEFAULT_CALENDAR, derive } from '../_lib/clockCore.js';
import { ClockTransitionError } from '../_lib/errors.js';
import { toMs } from '../_lib/instant.js';
import { closeOpenPause, openPauseIndex } from '../_lib/transitions.js';
import type { BusinessCalendar, Clock, Instant } from '../types.js';

/**
 * Resumes a paused clock at `at`; `dueAt` moves out by the paused (wall or working) time. Overlapping and
 * back-to-back pauses are merged, so time paused twice is only counted once.
 *
 * Throws {@link ClockTransitionError}: `not_paused` (running, stopped or exempt clock), `out_of_order`
 * (`at` before the pause began).
 *
 * @example
 * // 30-min arrival clock accepted 10:00, paused 10:10–10:25 → due 10:45.
 * resumeClock(pauseClock(c, '2026-09-21T10:10:00+08:00', 'customer_unreachable'), '2026-09-21T10:25:00+08:00').dueAt;
 * //=> '2026-09-21T02:45:00.000Z'
 * resumeClock(c, '2026-09-21T10:25:00+08:00'); // throws ClockTransitionError not_paused
 */
export function resumeClock(clock: Clock, at: Instant, calendar: BusinessCalendar = DEFAULT_CALENDAR): Clock {
  const atMs = toMs(at, 'at');
  if (openPauseIndex(clock) < 0) throw new ClockTransitionError('not_paused', 'the clock is not paused');
  return derive({ ...clock, pauses: closeOpenPause(clock, atMs) }, calendar, atMs);
}
