import { compile, DEFAULT_CALENDAR, resolveThresholds } from '../_lib/clockCore.js';
import type { BusinessCalendar, Clock, WarningThresholds } from '../types.js';

/**
 * The instant (ISO) at which the clock's warning starts: when `atFraction` of the budget is used or
 * `atRemainingMs` is left, whichever comes first (default 80 % / 10 minutes), pauses taken into account.
 * `null` when it cannot be known (the clock is paused before reaching it) or will never come (exempt, or
 * stopped before it). May be in the past. The API schedules escalations with it.
 *
 * @example
 * // 4 h restoration from 08:00: 80 % = 11:12, 10 min left = 11:50 → 11:12.
 * warningAt(startClock(restoration240, '2026-09-21T08:00:00+08:00')); //=> '2026-09-21T03:12:00.000Z'
 * // 30 min arrival from 10:00: 80 % = 10:24, 10 min left = 10:20 → 10:20.
 * warningAt(startClock(arrival30, '2026-09-21T10:00:00+08:00'), { atFraction: 0.5 }); //=> 10:15 local
 */
export function warningAt(
  clock: Clock,
  thresholds?: Partial<WarningThresholds>,
  calendar: BusinessCalendar = DEFAULT_CALENDAR,
): string | null {
  const c = compile(clock, resolveThresholds(thresholds), calendar);
  if (c.exempt || !Number.isFinite(c.warnMs) || c.stopMs <= c.warnMs) return null;
  return new Date(c.warnMs).toISOString();
}
