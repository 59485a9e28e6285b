import { addWorkingMs, compileCalendar } from '../_lib/calendarEngine.js';
import { type WorkingDuration, workingDurationMs } from '../_lib/durations.js';
import { toMs } from '../_lib/instant.js';
import type { BusinessCalendar, Instant } from '../types.js';

export type { WorkingDuration };

/**
 * The earliest instant at which `duration` of working time has elapsed since `start`.
 *
 * - Working time is the calendar's working hours on working days (make-up days included, holidays excluded).
 * - `{ days: N }` is N × the working-day length (7 h by default), so "N working days" ends at the same
 *   working-time offset N working days later: Tue 10:00 + 4 days = next Mon 10:00.
 * - Outside working hours counting starts at the next working-time start. When the due instant falls on a
 *   boundary the earlier one is returned: Mon 09:00 + 4 days = Thu 17:30 (not Fri 09:00).
 * - `duration` 0 returns the next working instant (`start` itself inside working hours).
 *
 * @example
 * const cn = CN_CALENDAR_2026_2027; // Asia/Shanghai, 09:00–12:00 + 13:30–17:30
 * addWorkingTime('2026-09-01T10:00:00+08:00', { days: 4 }, cn); //=> 2026-09-07T10:00+08:00 (Tue → Mon)
 * // Holiday eve: Wed Sep 30 16:00 + 4 days, Oct 1–7 off, Sat Oct 10 is a make-up day:
 * addWorkingTime('2026-09-30T16:00:00+08:00', { days: 4 }, cn); //=> 2026-10-12T16:00+08:00
 * addWorkingTime('2026-09-18T18:00:00+08:00', { hours: 1 }, cn); //=> 2026-09-20T10:00+08:00 (make-up Sunday)
 * addWorkingTime('2026-09-14T09:00:00+08:00', { days: 4 }, cn); //=> 2026-09-17T17:30+08:00
 */
export function addWorkingTime(start: Instant, duration: WorkingDuration, calendar: BusinessCalendar): Date {
  const cal = compileCalendar(calendar);
  return new Date(addWorkingMs(cal, toMs(start, 'start'), workingDurationMs(cal, duration)));
}
