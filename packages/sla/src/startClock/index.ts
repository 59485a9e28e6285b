import { addWorkingMs, compileCalendar } from '../_lib/calendarEngine.js';
import { DEFAULT_CALENDAR, derive } from '../_lib/clockCore.js';
import { definitionBudgetMs } from '../_lib/durations.js';
import { toIso, toMs } from '../_lib/instant.js';
import type { BusinessCalendar, Clock, ClockDefinition, Instant } from '../types.js';

/**
 * Starts a clock from its policy definition. The caller picks `startedAt`: the acceptance time, or the
 * arrival time when `def.startsFrom === 'arrival'`. `calendar` is used by business clocks only (default:
 * the national calendar `CN_CALENDAR_2026_2027`); a business clock started outside working hours starts
 * counting at the next working-time start.
 *
 * @example
 * startClock({ kind: 'restoration', minutes: 240, calendar: 'wall', startsFrom: 'accepted', judgedOn: 'each' },
 *   '2026-03-08T01:30:00-05:00');
 * //=> { kind: 'restoration', calendar: 'wall', judgedOn: 'each', startedAt: '2026-03-08T06:30:00.000Z',
 * //     budgetMs: 14400000, rawDueAt: '2026-03-08T10:30:00.000Z', dueAt: '2026-03-08T10:30:00.000Z',
 * //     pauses: [], stoppedAt: null, exempt: null, breachedAt: null }
 * // 4 elapsed hours across the New York DST change: 01:30 EST → 06:30 EDT local.
 * startClock({ kind: 'resolution', workingDays: 4, calendar: 'business', startsFrom: 'accepted', judgedOn: 'each' },
 *   '2026-09-30T16:00:00+08:00').dueAt; //=> '2026-10-12T08:00:00.000Z' (Mon Oct 12 16:00 in Shanghai)
 */
export function startClock(
  def: ClockDefinition,
  startedAt: Instant,
  calendar: BusinessCalendar = DEFAULT_CALENDAR,
): Clock {
  const startMs = toMs(startedAt, 'startedAt');
  const cal = def.calendar === 'business' ? compileCalendar(calendar) : null;
  const budgetMs = definitionBudgetMs(def, cal);
  if (!(budgetMs > 0)) throw new RangeError(`clock "${def.kind}": duration must be > 0`);
  const rawDueMs = cal ? addWorkingMs(cal, startMs, budgetMs) : startMs + budgetMs;
  const clock: Clock = {
    kind: def.kind,
    calendar: def.calendar,
    judgedOn: def.judgedOn,
    startedAt: toIso(startMs),
    budgetMs,
    rawDueAt: toIso(rawDueMs),
    dueAt: toIso(rawDueMs),
    pauses: [],
    stoppedAt: null,
    exempt: null,
    breachedAt: null,
  };
  return derive(clock, calendar, startMs);
}
