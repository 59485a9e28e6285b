import { DEFAULT_CALENDAR, derive } from '../_lib/clockCore.js';
import { ClockTransitionError } from '../_lib/errors.js';
import { toIso, toMs } from '../_lib/instant.js';
import { assertNotBeforeStart, openPauseIndex, sortPauses } from '../_lib/transitions.js';
import {
  type BusinessCalendar,
  type Clock,
  type Instant,
  PAUSE_REASONS,
  type PauseReason,
} from '../types.js';

/**
 * Pauses a clock at `at` (an open pause, closed by `resumeClock`). Pauses never shorten the remaining time:
 * on resume the due time moves out by the paused wall time (wall clocks) or the paused working time
 * (business clocks). `dueAt` is `null` while paused; a clock already past its due time stays breached.
 * Check {@link pauseNeedsApproval} before pausing for force majeure.
 *
 * Throws {@link ClockTransitionError}: `already_paused`, `stopped`, `exempt`, `before_start`.
 *
 * @example
 * const c = startClock(arrival30, '2026-09-21T10:00:00+08:00');
 * const p = pauseClock(c, '2026-09-21T10:10:00+08:00', 'customer_unreachable');
 * p.dueAt; //=> null
 * resumeClock(p, '2026-09-21T10:25:00+08:00').dueAt; //=> '2026-09-21T02:45:00.000Z' (10:45 local)
 * pauseClock(p, '2026-09-21T10:20:00+08:00', 'force_majeure'); // throws ClockTransitionError already_paused
 */
export function pauseClock(
  clock: Clock,
  at: Instant,
  reason: PauseReason,
  calendar: BusinessCalendar = DEFAULT_CALENDAR,
): Clock {
  if (!PAUSE_REASONS.includes(reason)) throw new RangeError(`unknown pause reason "${String(reason)}"`);
  const atMs = toMs(at, 'at');
  if (clock.exempt !== null) throw new ClockTransitionError('exempt', 'the clock is exempt');
  if (clock.stoppedAt !== null) throw new ClockTransitionError('stopped', 'the clock is stopped');
  if (openPauseIndex(clock) >= 0)
    throw new ClockTransitionError('already_paused', 'the clock is already paused');
  assertNotBeforeStart(clock, atMs);
  const pauses = sortPauses([...clock.pauses, { from: toIso(atMs), to: null, reason }]);
  return derive({ ...clock, pauses }, calendar, atMs);
}
