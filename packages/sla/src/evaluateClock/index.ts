import {
  type CompiledClock,
  compile,
  DEFAULT_CALENDAR,
  evaluate,
  resolveThresholds,
} from '../_lib/clockCore.js';
import { toMs } from '../_lib/instant.js';
import type { BusinessCalendar, Clock, ClockState, Instant, WarningThresholds } from '../types.js';

export interface ClockEvaluation {
  state: ClockState;
  /** Budget minus the time counted so far (wall ms, or working ms for business clocks); < 0 when overdue. */
  remainingMs: number;
  /** Time counted / budget: 0 at the start, 1 at the due instant, > 1 when overdue. */
  fractionUsed: number;
  /** ISO instant of the next state change with no action taken; `null` when none will come. */
  nextChangeAt: string | null;
}

interface CacheEntry {
  atFraction: number | undefined;
  atRemainingMs: number | undefined;
  calendar: BusinessCalendar;
  startedAt: string;
  budgetMs: number;
  pauses: Clock['pauses'];
  pauseCount: number;
  stoppedAt: string | null;
  exempt: Clock['exempt'];
  compiled: CompiledClock;
}
const cache = new WeakMap<Clock, CacheEntry>();

function compiledFor(
  clock: Clock,
  thresholds: Partial<WarningThresholds> | undefined,
  calendar: BusinessCalendar,
) {
  const hit = cache.get(clock);
  if (
    hit &&
    hit.atFraction === thresholds?.atFraction &&
    hit.atRemainingMs === thresholds?.atRemainingMs &&
    hit.calendar === calendar &&
    hit.startedAt === clock.startedAt &&
    hit.budgetMs === clock.budgetMs &&
    hit.pauses === clock.pauses &&
    hit.pauseCount === clock.pauses.length &&
    hit.stoppedAt === clock.stoppedAt &&
    hit.exempt === clock.exempt
  ) {
    return hit.compiled;
  }
  const compiled = compile(clock, resolveThresholds(thresholds), calendar);
  cache.set(clock, {
    atFraction: thresholds?.atFraction,
    atRemainingMs: thresholds?.atRemainingMs,
    calendar,
    startedAt: clock.startedAt,
    budgetMs: clock.budgetMs,
    pauses: clock.pauses,
    pauseCount: clock.pauses.length,
    stoppedAt: clock.stoppedAt,
    exempt: clock.exempt,
    compiled,
  });
  return compiled;
}

/**
 * Status of a clock at `now` (passed in, never read from the machine).
 *
 * States: `exempt` (exempted); `met` / `breached` once stopped (met when stopped at or before the due time);
 * a running clock is `breached` from its due instant on, `paused` inside a pause, `warning` from
 * {@link warningAt} on, otherwise `running`. `nextChangeAt` is the warning start, the breach instant
 * (= `dueAt`), or the start / end of a recorded pause; `null` when stopped, exempt, breached, or inside an
 * open pause (only an action changes those).
 *
 * Convenience path: compiles the clock on first use and caches the compiled form per clock object (clocks
 * are immutable values; a changed object is recompiled). For hot loops use `compileClock` +
 * `evaluateCompiled`.
 *
 * @example
 * const c = startClock({ kind: 'arrival', minutes: 30, calendar: 'wall', startsFrom: 'accepted', judgedOn: 'each' },
 *   '2026-09-21T10:00:00+08:00');
 * // Warning at 80 % used (10:24) or 10 minutes left (10:20), whichever comes first: 10:20.
 * evaluateClock(c, '2026-09-21T10:10:00+08:00');
 * //=> { state: 'running', remainingMs: 1200000, fractionUsed: 0.333…, nextChangeAt: '2026-09-21T02:20:00.000Z' }
 * evaluateClock(c, '2026-09-21T10:20:00+08:00');
 * //=> { state: 'warning', remainingMs: 600000, fractionUsed: 0.666…, nextChangeAt: '2026-09-21T02:30:00.000Z' }
 * evaluateClock(c, '2026-09-21T10:30:00+08:00').state; //=> 'breached'
 */
export function evaluateClock(
  clock: Clock,
  now: Instant,
  thresholds?: Partial<WarningThresholds>,
  calendar: BusinessCalendar = DEFAULT_CALENDAR,
): ClockEvaluation {
  const r = evaluate(compiledFor(clock, thresholds, calendar), toMs(now, 'now'));
  return {
    state: r.state,
    remainingMs: r.remainingMs,
    fractionUsed: r.fractionUsed,
    nextChangeAt: r.nextChangeMs === null ? null : new Date(r.nextChangeMs).toISOString(),
  };
}
