import { type CompiledClock, compile, DEFAULT_CALENDAR, resolveThresholds } from '../_lib/clockCore.js';
import type { BusinessCalendar, Clock, WarningThresholds } from '../types.js';

export type { CompiledClock };

/**
 * Precomputes the numeric form of a clock for fast repeated evaluation with {@link evaluateCompiled}
 * (THE FAST PATH: compile once per clock change, evaluate millions of times). Warning thresholds are baked
 * in (default: warning at 80 % used or 10 minutes left, whichever comes first). `calendar` is needed by
 * business clocks only (default: `CN_CALENDAR_2026_2027`); it must be the one the clock was started with.
 *
 * @example
 * const compiled = compileClock(clock);
 * compiled.dueMs; //=> epoch ms of dueAt (Infinity while paused)
 * compiled.warnMs; //=> epoch ms at which the warning starts
 * evaluateCompiled(compiled, Date.parse('2026-09-21T02:20:00Z')).state; //=> 'running' | 'warning' | …
 */
export function compileClock(
  clock: Clock,
  thresholds?: Partial<WarningThresholds>,
  calendar: BusinessCalendar = DEFAULT_CALENDAR,
): CompiledClock {
  return compile(clock, resolveThresholds(thresholds), calendar);
}
