import {
  type CompiledClock,
  type CompiledEvaluation,
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
  kind: Clock['kind'];
  clockCalendar: Clock['calendar'];
  startedAt: string;
  rawDueAt: string;
  budgetMs: number;
  pauses: Clock['pauses'];
  pauseCount: number;
  stoppedAt: string | null;
  exempt: Clock['exempt'];
  compiled: CompiledClock;
  /** The last `nextChangeAt` formatted (a clock has few distinct change instants). */
  nextMs: number;
  nextIso: string | null;
}
const cache = new WeakMap<Clock, CacheEntry>();
const scratch = {} as CompiledEvaluation;

function compiledFor(
  clock: Clock,
  thresholds: Partial<WarningThresholds> | undefined,
  calendar: BusinessCalendar,
) {
  const hit = cache.get(clock);
  // Every clock field compile() reads is compared (a clock changed in place is recompiled); `pauses` by array
  // identity and length only: a pause object edited in place is not noticed (clocks are immutable values).
  if (
    hit &&
    hit.atFraction === thresholds?.atFraction &&
    hit.atRemainingMs === thresholds?.atRemainingMs &&
    hit.calendar === calendar &&
    hit.kind === clock.kind &&
    hit.clockCalendar === clock.calendar &&
    hit.startedAt === clock.startedAt &&
    hit.rawDueAt === clock.rawDueAt &&
    hit.budgetMs === clock.budgetMs &&
    hit.pauses === clock.pauses &&
    hit.pauseCount === clock.pauses.length &&
    hit.stoppedAt === clock.stoppedAt &&
    hit.exempt === clock.exempt
  ) {
    return hit;
  }
  const compiled = compile(clock, resolveThresholds(thresholds), calendar);
  const entry: CacheEntry = {
    atFraction: thresholds?.atFraction,
    atRemainingMs: thresholds?.atRemainingMs,
    calendar,
    kind: clock.kind,
    clockCalendar: clock.calendar,
    startedAt: clock.startedAt,
    rawDueAt: clock.rawDueAt,
    budgetMs: clock.budgetMs,
    pauses: clock.pauses,
    pauseCount: clock.pauses.length,
    stoppedAt: clock.stoppedAt,
    exempt: clock.exempt,
    compiled,
    nextMs: Number.NaN,
    nextIso: null,
  };
  cache.set(clock, entry);
  return entry;
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
  const entry = compiledFor(clock, thresholds, calendar);
  const r = evaluate(entry.compiled, toMs(now, 'now'), scratch);
  const next = r.nextChangeMs;
  let nextChangeAt: string | null = null;
  if (next !== null) {
    if (next !== entry.nextMs) {
      entry.nextMs = next;
      entry.nextIso = new Date(next).toISOString();
    }
    nextChangeAt = entry.nextIso;
  }
  return { state: r.state, remainingMs: r.remainingMs, fractionUsed: r.fractionUsed, nextChangeAt };
}
