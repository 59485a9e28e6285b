import { DEFAULT_CALENDAR, derive } from '../_lib/clockCore.js';
import { ClockTransitionError } from '../_lib/errors.js';
import { toIso, toMs } from '../_lib/instant.js';
import { assertNotBeforeStart, closeOpenPause } from '../_lib/transitions.js';
import type { BusinessCalendar, Clock, Instant } from '../types.js';

/**
 * Exempts a clock (force majeure, customer-caused, area-wide emergency …) with a recorded reason: it can no
 * longer breach and is left out of adjusted compliance figures (raw figures still count it). Works on a
 * stopped clock too (a retroactive decision). An open pause is closed at `at`. The API should require a
 * supervisor's approval.
 *
 * Throws {@link ClockTransitionError}: `exempt` (already exempt), `before_start`, `out_of_order`.
 *
 * @example
 * exemptClock(c, 'typhoon Haikui, road blocked', '2026-09-21T11:00:00+08:00').exempt;
 * //=> { reason: 'typhoon Haikui, road blocked', at: '2026-09-21T03:00:00.000Z' }
 */
export function exemptClock(
  clock: Clock,
  reason: string,
  at: Instant,
  calendar: BusinessCalendar = DEFAULT_CALENDAR,
): Clock {
  const atMs = toMs(at, 'at');
  if (typeof reason !== 'string' || reason.trim() === '') throw new RangeError('an exemption needs a reason');
  if (clock.exempt !== null) throw new ClockTransitionError('exempt', 'the clock is already exempt');
  assertNotBeforeStart(clock, atMs);
  const pauses = clock.stoppedAt === null ? closeOpenPause(clock, atMs) : clock.pauses;
  return derive({ ...clock, pauses, exempt: { reason, at: toIso(atMs) } }, calendar, atMs);
}
