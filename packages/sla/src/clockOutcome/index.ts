import { compileCalendar, workingMsBetween } from '../_lib/calendarEngine.js';
import { compile, consumedAt, DEFAULT_CALENDAR, DEFAULT_THRESHOLDS } from '../_lib/clockCore.js';
import type { BusinessCalendar, Clock } from '../types.js';

export interface ClockOutcome {
  /** `null` while the clock runs (outcomes are for stopped clocks). */
  rawElapsedMs: number | null;
  /** Elapsed minus pauses and emergencies (wall or working ms). */
  adjustedElapsedMs: number | null;
  /** Stopped at or before `rawDueAt` (ignores pauses, emergencies and exemptions). */
  rawMet: boolean | null;
  /** Stopped at or before `dueAt`; `null` when exempt or running. */
  adjustedMet: boolean | null;
  exempt: boolean;
}

/**
 * Raw and adjusted figures of a finished clock, in the clock's own time (wall ms, or working ms for
 * business clocks). Raw ignores pauses, emergencies and exemptions; adjusted subtracts the paused time and
 * leaves exempt clocks unjudged.
 *
 * @example
 * // 4 h restoration 08:00 → stopped 13:00, with a 2 h typhoon pause.
 * clockOutcome(clock); //=> { rawElapsedMs: 18_000_000, adjustedElapsedMs: 10_800_000,
 * //                          rawMet: false, adjustedMet: true, exempt: false }
 */
export function clockOutcome(clock: Clock, calendar: BusinessCalendar = DEFAULT_CALENDAR): ClockOutcome {
  const c = compile(clock, DEFAULT_THRESHOLDS, calendar);
  const exempt = c.exempt;
  if (!Number.isFinite(c.stopMs)) {
    return { rawElapsedMs: null, adjustedElapsedMs: null, rawMet: null, adjustedMet: null, exempt };
  }
  const rawElapsedMs = c.business
    ? workingMsBetween(compileCalendar(calendar), c.startMs, c.stopMs)
    : c.stopMs - c.startMs;
  return {
    rawElapsedMs,
    adjustedElapsedMs: consumedAt(c, c.stopMs),
    rawMet: c.stopMs <= c.rawDueMs,
    adjustedMet: exempt ? null : c.stopMs <= c.dueMs,
    exempt,
  };
}
