import { TZDate, tzOffset } from '@date-fns/tz';
import type { BusinessCalendar } from '../types.js';

const DAY_MS = 86_400_000;
/** Search horizon: no working time for 20 years means a broken calendar. */
const MAX_DAYS = 366 * 20;

/** A calendar with lookups precomputed; working segments cached per local day. */
export interface CompiledCalendar {
  readonly source: BusinessCalendar;
  readonly timeZone: string;
  /** Working intervals as minutes after local midnight, sorted, non-overlapping. */
  readonly intervals: ReadonlyArray<readonly [number, number]>;
  /** Working milliseconds of one working day (same for every working day). */
  readonly dayLengthMs: number;
  readonly weekend: ReadonlySet<number>;
  readonly holidays: ReadonlySet<string>;
  readonly makeUp: ReadonlySet<string>;
  readonly segmentCache: Map<number, readonly number[]>;
}

const cache = new WeakMap<BusinessCalendar, CompiledCalendar>();

export function parseHm(hm: string): number {
  const [h, m] = hm.split(':');
  return Number(h) * 60 + Number(m);
}

export function compileCalendar(calendar: BusinessCalendar): CompiledCalendar {
  let compiled = cache.get(calendar);
  if (compiled) return compiled;
  const intervals = calendar.workingHours
    .map((w) => [parseHm(w.from), parseHm(w.to)] as const)
    .sort((a, b) => a[0] - b[0]);
  compiled = {
    source: calendar,
    timeZone: calendar.timeZone,
    intervals,
    dayLengthMs: intervals.reduce((sum, [a, b]) => sum + (b - a) * 60_000, 0),
    weekend: new Set(calendar.weekendDays),
    holidays: new Set(calendar.holidays),
    makeUp: new Set(calendar.makeUpWorkdays),
    segmentCache: new Map(),
  };
  cache.set(calendar, compiled);
  return compiled;
}

/** Local day number (days since 1970-01-01 in the calendar's zone) of an instant. */
export function dayNumberOf(cal: CompiledCalendar, ms: number): number {
  const offsetMin = tzOffset(cal.timeZone, new Date(ms));
  return Math.floor((ms + offsetMin * 60_000) / DAY_MS);
}

export function dayNumberOfKey(key: string): number {
  return Math.floor(
    Date.UTC(Number(key.slice(0, 4)), Number(key.slice(5, 7)) - 1, Number(key.slice(8, 10))) / DAY_MS,
  );
}

export function dayKey(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

export function isWorkingDayNumber(cal: CompiledCalendar, dayNumber: number): boolean {
  const key = dayKey(dayNumber);
  if (cal.makeUp.has(key)) return true;
  if (cal.holidays.has(key)) return false;
  return !cal.weekend.has(weekdayOf(dayNumber));
}

/** Working segments of a local day as flat `[start0, end0, start1, end1, …]` epoch ms. */
export function daySegments(cal: CompiledCalendar, dayNumber: number): readonly number[] {
  const cached = cal.segmentCache.get(dayNumber);
  if (cached) return cached;
  const segments: number[] = [];
  if (isWorkingDayNumber(cal, dayNumber)) {
    const date = new Date(dayNumber * DAY_MS);
    const y = date.getUTCFullYear();
    const mo = date.getUTCMonth();
    const d = date.getUTCDate();
    for (const [from, to] of cal.intervals) {
      const s = new TZDate(y, mo, d, 0, from, cal.timeZone).getTime();
      const e = new TZDate(y, mo, d, 0, to, cal.timeZone).getTime();
      // An interval swallowed by a DST gap can come out empty: skip it.
      if (e > s) segments.push(s, e);
    }
  }
  cal.segmentCache.set(dayNumber, segments);
  return segments;
}

/**
 * Visits working segments from `fromMs` on (the first one clipped to start at `fromMs`) until the
 * visitor returns `false`.
 */
export function forEachWorkingSegment(
  cal: CompiledCalendar,
  fromMs: number,
  visit: (start: number, end: number) => boolean,
): void {
  let day = dayNumberOf(cal, fromMs);
  for (let n = 0; n < MAX_DAYS; n++, day++) {
    const segs = daySegments(cal, day);
    for (let i = 0; i < segs.length; i += 2) {
      const s = segs[i]!;
      const e = segs[i + 1]!;
      if (e <= fromMs) continue;
      if (!visit(s > fromMs ? s : fromMs, e)) return;
    }
  }
  throw new RangeError(`calendar ${cal.source.id ?? cal.timeZone}: no working time found within 20 years`);
}

/**
 * The earliest instant at which `workingMs` of working time has elapsed since `startMs`. With 0 it is the
 * next working instant (`startMs` itself inside working hours).
 */
export function addWorkingMs(cal: CompiledCalendar, startMs: number, workingMs: number): number {
  if (workingMs < 0 || !Number.isFinite(workingMs))
    throw new RangeError(`working time must be >= 0, got ${workingMs}`);
  let remaining = workingMs;
  let result = Number.NaN;
  forEachWorkingSegment(cal, startMs, (s, e) => {
    if (remaining <= e - s) {
      result = s + remaining;
      return false;
    }
    remaining -= e - s;
    return true;
  });
  return result;
}

/** Working milliseconds in `[a, b)`; negative when `b < a`. */
export function workingMsBetween(cal: CompiledCalendar, a: number, b: number): number {
  if (b < a) return -workingMsBetween(cal, b, a);
  if (b === a) return 0;
  let total = 0;
  const last = dayNumberOf(cal, b);
  for (let day = dayNumberOf(cal, a); day <= last; day++) {
    const segs = daySegments(cal, day);
    for (let i = 0; i < segs.length; i += 2) {
      const s = Math.max(segs[i]!, a);
      const e = Math.min(segs[i + 1]!, b);
      if (e > s) total += e - s;
    }
  }
  return total;
}
