import type { ClockDefinition } from '../types.js';
import type { CompiledCalendar } from './calendarEngine.js';

/** A working-time duration: milliseconds, or an object whose fields are added up. */
export type WorkingDuration = number | { days?: number; hours?: number; minutes?: number };

/**
 * Working milliseconds of a duration. One working day is the calendar's working-day length (7 h with the
 * default 09:00–12:00 + 13:30–17:30).
 */
export function workingDurationMs(cal: CompiledCalendar, duration: WorkingDuration): number {
  if (typeof duration === 'number') return duration;
  return (
    (duration.days ?? 0) * cal.dayLengthMs +
    (duration.hours ?? 0) * 3_600_000 +
    (duration.minutes ?? 0) * 60_000
  );
}

/** Budget of a clock definition: wall ms, or working ms (business). */
export function definitionBudgetMs(def: ClockDefinition, cal: CompiledCalendar | null): number {
  if (def.minutes !== undefined) return def.minutes * 60_000;
  if (def.hours !== undefined) return def.hours * 3_600_000;
  if (def.workingHours !== undefined) return def.workingHours * 3_600_000;
  if (def.workingDays !== undefined) {
    if (!cal) throw new RangeError('workingDays needs a business calendar');
    return def.workingDays * cal.dayLengthMs;
  }
  throw new RangeError(`clock "${def.kind}" has no duration`);
}
