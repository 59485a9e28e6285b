import { compileCalendar, dayNumberOf, dayNumberOfKey, isWorkingDayNumber } from '../_lib/calendarEngine.js';
import { toMs } from '../_lib/instant.js';
import type { BusinessCalendar, Instant } from '../types.js';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Whether a local day is a working day: make-up working days (调休) are, public holidays are not, otherwise
 * every day outside `weekendDays`. `date` is either a local date `YYYY-MM-DD` or an instant (whose local
 * date in `calendar.timeZone` is taken).
 *
 * @example
 * isWorkingDay('2026-09-20', CN_CALENDAR_2026_2027); //=> true  (a Sunday, but a make-up working day)
 * isWorkingDay('2026-10-01', CN_CALENDAR_2026_2027); //=> false (National Day)
 * isWorkingDay('2026-09-30T16:00:00.000Z', CN_CALENDAR_2026_2027); //=> false (already Oct 1 00:00 in Shanghai)
 */
export function isWorkingDay(date: Instant, calendar: BusinessCalendar): boolean {
  const cal = compileCalendar(calendar);
  const day =
    typeof date === 'string' && DATE_ONLY.test(date)
      ? dayNumberOfKey(date)
      : dayNumberOf(cal, toMs(date, 'date'));
  return isWorkingDayNumber(cal, day);
}
