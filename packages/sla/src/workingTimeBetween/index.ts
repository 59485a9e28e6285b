import { compileCalendar, workingMsBetween } from '../_lib/calendarEngine.js';
import { toMs } from '../_lib/instant.js';
import type { BusinessCalendar, Instant } from '../types.js';

/**
 * Working milliseconds between two instants (negative when `b` is before `a`). Inverse of
 * {@link addWorkingTime}: `workingTimeBetween(a, addWorkingTime(a, d, cal), cal) === d`.
 *
 * @example
 * workingTimeBetween('2026-09-18T16:00:00+08:00', '2026-09-21T10:00:00+08:00', CN_CALENDAR_2026_2027);
 * //=> 1.5 h (Fri 16:00–17:30) + 7 h (make-up Sun Sep 20) + 1 h (Mon) = 34_200_000
 * workingTimeBetween('2026-10-01T09:00:00+08:00', '2026-10-07T17:30:00+08:00', CN_CALENDAR_2026_2027); //=> 0
 */
export function workingTimeBetween(a: Instant, b: Instant, calendar: BusinessCalendar): number {
  return workingMsBetween(compileCalendar(calendar), toMs(a, 'a'), toMs(b, 'b'));
}
