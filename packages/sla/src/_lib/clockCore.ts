import { CN_CALENDAR_2026_2027 } from '../_data/cn-calendar-2026-2027.js';
import type { BusinessCalendar, Clock, ClockKind, ClockState, WarningThresholds } from '../types.js';
import {
  type CompiledCalendar,
  compileCalendar,
  ensureTimeline,
  forEachWorkingSegment,
  workingCumAt,
  workingMsBetween,
} from './calendarEngine.js';
import { toIso, toMs } from './instant.js';

export const DEFAULT_THRESHOLDS: Readonly<WarningThresholds> = Object.freeze({
  atFraction: 0.8,
  atRemainingMs: 10 * 60_000,
});

export const DEFAULT_CALENDAR: BusinessCalendar = CN_CALENDAR_2026_2027;

/**
 * The numeric, precomputed form of a {@link Clock}, built by `compileClock`. Every instant is epoch ms;
 * `Infinity` stands for "never". Treat as opaque apart from the documented fields.
 */
export interface CompiledClock {
  readonly kind: ClockKind;
  readonly business: boolean;
  readonly startMs: number;
  /** Wall ms, or working ms for a business clock. */
  readonly budgetMs: number;
  readonly rawDueMs: number;
  /** Due instant with the pauses; `Infinity` while an open pause began before it. */
  readonly dueMs: number;
  /** Instant the warning starts (with the thresholds given to `compileClock`); `Infinity` if never. */
  readonly warnMs: number;
  /** `Infinity` while running. */
  readonly stopMs: number;
  readonly exempt: boolean;
  /** Merged pause windows (`pauseTo` is `Infinity` for an open pause). */
  readonly pauseFrom: Float64Array;
  readonly pauseTo: Float64Array;
  /** Active (counting) segments up to the due instant, with the time counted before each. */
  readonly segStart: Float64Array;
  readonly segEnd: Float64Array;
  readonly segCum: Float64Array;
  /** Business clocks: after this instant counting continues on the calendar (NaN: frozen / wall). */
  readonly tailFromMs: number;
  readonly tailCum: number;
  /**
   * `tailCum` minus the calendar timeline's cumulative working time at `tailFromMs`: past the tail start the
   * time counted is `tailBase + workingCumAt(timeline, t)`, one O(1) lookup (NaN: no timeline, walk instead).
   */
  readonly tailBase: number;
  readonly cal: CompiledCalendar | null;
}

export interface CompiledEvaluation {
  state: ClockState;
  /** Budget minus time counted so far (wall or working ms); negative when overdue. */
  remainingMs: number;
  /** Time counted / budget (1 at the due instant, > 1 when overdue). */
  fractionUsed: number;
  /** Next instant (epoch ms) at which the state changes without any action; `null` if none. */
  nextChangeMs: number | null;
}

export function resolveThresholds(thresholds?: Partial<WarningThresholds>): WarningThresholds {
  const t = { ...DEFAULT_THRESHOLDS, ...thresholds };
  if (!(t.atFraction >= 0 && t.atFraction <= 1))
    throw new RangeError('thresholds.atFraction must be in [0, 1]');
  if (!(t.atRemainingMs >= 0)) throw new RangeError('thresholds.atRemainingMs must be >= 0');
  return t;
}

/** Sorted, merged pause windows clipped to start at `startMs` (and end at `stopMs`). */
export function mergedPauses(clock: Clock, startMs: number, stopMs: number): [number[], number[]] {
  const windows = clock.pauses
    .map(
      (p) =>
        [
          toMs(p.from, 'pause.from'),
          p.to === null ? Number.POSITIVE_INFINITY : toMs(p.to, 'pause.to'),
        ] as const,
    )
    .map(([f, t]) => [Math.max(f, startMs), Math.min(t, stopMs)] as const)
    .filter(([f, t]) => t > f)
    .sort((a, b) => a[0] - b[0]);
  const from: number[] = [];
  const to: number[] = [];
  for (const [f, t] of windows) {
    const last = to.length - 1;
    if (last >= 0 && f <= to[last]!) {
      if (t > to[last]!) to[last] = t;
    } else {
      from.push(f);
      to.push(t);
    }
  }
  return [from, to];
}

export function compile(
  clock: Clock,
  thresholds: WarningThresholds,
  calendar: BusinessCalendar,
): CompiledClock {
  const business = clock.calendar === 'business';
  const cal = business ? compileCalendar(calendar) : null;
  const startMs = toMs(clock.startedAt, 'startedAt');
  const stopMs = clock.stoppedAt === null ? Number.POSITIVE_INFINITY : toMs(clock.stoppedAt, 'stoppedAt');
  const budgetMs = clock.budgetMs;
  const [pFrom, pTo] = mergedPauses(clock, startMs, Number.POSITIVE_INFINITY);

  const segS: number[] = [];
  const segE: number[] = [];
  const segC: number[] = [];
  let cum = 0;
  let j = 0;
  let frozen = false;
  /** Adds the parts of [s, e) outside pauses; returns false once counting is over. */
  const addSource = (s: number, e: number): boolean => {
    let cur = s;
    while (cur < e) {
      while (j < pFrom.length && pTo[j]! <= cur) j++;
      if (j < pFrom.length && pFrom[j]! <= cur) {
        cur = pTo[j]!;
        continue;
      }
      const end = j < pFrom.length ? Math.min(e, pFrom[j]!) : e;
      segS.push(cur);
      segE.push(end);
      segC.push(cum);
      cum += end - cur;
      cur = end;
    }
    if (cur === Number.POSITIVE_INFINITY) {
      frozen = true;
      return false;
    }
    return cum < budgetMs;
  };
  if (cal) forEachWorkingSegment(cal, startMs, addSource);
  else addSource(startMs, Number.POSITIVE_INFINITY);

  const segStart = Float64Array.from(segS);
  const segEnd = Float64Array.from(segE);
  const segCum = Float64Array.from(segC);
  const instantAt = (consumed: number): number => {
    for (let i = 0; i < segStart.length; i++) {
      if (segCum[i]! + (segEnd[i]! - segStart[i]!) >= consumed) return segStart[i]! + (consumed - segCum[i]!);
    }
    return Number.POSITIVE_INFINITY;
  };
  const warnConsumed = Math.max(
    0,
    Math.min(thresholds.atFraction * budgetMs, budgetMs - thresholds.atRemainingMs),
  );
  const last = segEnd.length - 1;
  const tailFromMs = cal && !frozen && last >= 0 ? segEnd[last]! : Number.NaN;
  const tailCum = last >= 0 ? segCum[last]! + (segEnd[last]! - segStart[last]!) : 0;
  const tailBase =
    cal && ensureTimeline(cal, tailFromMs, tailFromMs)
      ? tailCum - workingCumAt(cal.timeline!, tailFromMs)
      : Number.NaN;
  return {
    kind: clock.kind,
    business,
    startMs,
    budgetMs,
    rawDueMs: toMs(clock.rawDueAt, 'rawDueAt'),
    dueMs: instantAt(budgetMs),
    warnMs: instantAt(warnConsumed),
    stopMs,
    exempt: clock.exempt !== null,
    pauseFrom: Float64Array.from(pFrom),
    pauseTo: Float64Array.from(pTo),
    segStart,
    segEnd,
    segCum,
    tailFromMs,
    tailCum,
    tailBase,
    cal,
  };
}

/** Time counted (wall or working ms, pauses excluded) from the start up to `t`. */
export function consumedAt(c: CompiledClock, t: number): number {
  const n = c.segStart.length;
  if (n === 0 || t <= c.segStart[0]!) return 0;
  let i: number;
  if (n < 16) {
    i = n - 1;
    while (c.segStart[i]! > t) i--;
  } else {
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (c.segStart[mid]! <= t) lo = mid;
      else hi = mid - 1;
    }
    i = lo;
  }
  const e = c.segEnd[i]!;
  if (t < e) return c.segCum[i]! + (t - c.segStart[i]!);
  // Past the last precomputed segment of a business clock: keep counting on the calendar, from its
  // cumulative working-time table (O(1); the table is extended, rarely, when `t` runs past it).
  if (i === n - 1 && t > e && c.cal && c.tailFromMs === e) {
    const tl = c.cal.timeline;
    if (tl !== null && t <= tl.coverToMs && !Number.isNaN(c.tailBase))
      return c.tailBase + workingCumAt(tl, t);
    return c.tailCum + workingMsBetween(c.cal, e, t);
  }
  return c.segCum[i]! + (e - c.segStart[i]!);
}

export function evaluate(c: CompiledClock, nowMs: number, out?: CompiledEvaluation): CompiledEvaluation {
  const stopMs = c.stopMs;
  const consumed = consumedAt(c, nowMs < stopMs ? nowMs : stopMs);
  const budget = c.budgetMs;
  let state: ClockState;
  let next: number | null = null;
  if (c.exempt) state = 'exempt';
  else if (nowMs >= stopMs) state = stopMs <= c.dueMs ? 'met' : 'breached';
  else if (nowMs >= c.dueMs) state = 'breached';
  else {
    const pf = c.pauseFrom;
    let nextPause = Number.POSITIVE_INFINITY;
    let pausedUntil = -1;
    for (let k = 0; k < pf.length; k++) {
      const f = pf[k]!;
      if (f > nowMs) {
        nextPause = f;
        break;
      }
      if (nowMs < c.pauseTo[k]!) {
        pausedUntil = c.pauseTo[k]!;
        break;
      }
    }
    if (pausedUntil >= 0) {
      state = 'paused';
      next = pausedUntil === Number.POSITIVE_INFINITY ? null : pausedUntil;
    } else if (nowMs >= c.warnMs) {
      state = 'warning';
      next = c.dueMs < nextPause ? c.dueMs : nextPause;
    } else {
      state = 'running';
      next = c.warnMs < nextPause ? c.warnMs : nextPause;
    }
    if (next === Number.POSITIVE_INFINITY) next = null;
  }
  const result = out ?? ({} as CompiledEvaluation);
  result.state = state;
  result.remainingMs = budget - consumed;
  result.fractionUsed = budget > 0 ? consumed / budget : 1;
  result.nextChangeMs = next;
  return result;
}

/** Recomputes the derived fields (`dueAt`, `breachedAt`) of a clock after a transition at `asOfMs`. */
export function derive(clock: Clock, calendar: BusinessCalendar, asOfMs: number): Clock {
  const c = compile(clock, DEFAULT_THRESHOLDS, calendar);
  const due = Number.isFinite(c.dueMs) ? c.dueMs : null;
  const breached =
    clock.exempt === null && due !== null && (clock.stoppedAt !== null ? c.stopMs > due : asOfMs >= due);
  return { ...clock, dueAt: due === null ? null : toIso(due), breachedAt: breached ? toIso(due) : null };
}
