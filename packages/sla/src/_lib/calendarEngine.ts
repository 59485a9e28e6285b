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
  /** Cumulative working-time table, built on first use and extended as needed (see {@link workingCumAt}). */
  timeline: WorkingTimeline | null;
}

/**
 * Every working segment of the local days `[firstDay, lastDay)` with the working time counted before it, from
 * an arbitrary but fixed origin: extending the table never changes a value already handed out, so a
 * difference of two values is working time, and a value stored by a compiled clock stays valid.
 */
export interface WorkingTimeline {
  readonly firstDay: number;
  readonly lastDay: number;
  /** Local midnight starting `firstDay` / `lastDay` (epoch ms): the instants covered. */
  readonly coverFromMs: number;
  readonly coverToMs: number;
  /** Cumulative working ms at `coverFromMs`. */
  readonly cumFrom: number;
  readonly start: Float64Array;
  readonly end: Float64Array;
  /** Cumulative working ms at `start[i]`. */
  readonly cum: Float64Array;
  /**
   * For the 24 h bucket `k` (`coverFromMs + k·DAY_MS`), the index of the last segment starting at or before
   * the bucket's start (-1 if none): lookups are O(1), no binary search.
   */
  readonly bucket: Int32Array;
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
    timeline: null,
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
  const segments = computeDaySegments(cal, dayNumber);
  cal.segmentCache.set(dayNumber, segments);
  return segments;
}

function localMidnight(cal: CompiledCalendar, dayNumber: number): number {
  const date = new Date(dayNumber * DAY_MS);
  return new TZDate(
    date.getUTCFullYear(),
    date.getUTCMonth(),
    date.getUTCDate(),
    0,
    0,
    cal.timeZone,
  ).getTime();
}

function computeDaySegments(cal: CompiledCalendar, dayNumber: number): number[] {
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

/** Days added around the span asked for when the timeline is built or extended. */
const TIMELINE_PAD_BEFORE_DAYS = 31;
const TIMELINE_PAD_AFTER_DAYS = 400;
/** Beyond this span (~60 years) the timeline is not extended; lookups outside it walk the days. */
const TIMELINE_MAX_DAYS = 366 * 60;

/**
 * Makes the timeline cover `[aMs, bMs]` (extending it by whole padded ranges, keeping its origin). Returns
 * false when that would exceed {@link TIMELINE_MAX_DAYS} (the caller walks the days instead).
 */
export function ensureTimeline(cal: CompiledCalendar, aMs: number, bMs: number): boolean {
  const old = cal.timeline;
  if (old && aMs >= old.coverFromMs && bMs <= old.coverToMs) return true;
  if (!Number.isFinite(aMs) || !Number.isFinite(bMs)) return false;
  const aDay = dayNumberOf(cal, aMs);
  const bDay = dayNumberOf(cal, bMs);
  let firstDay = aDay - TIMELINE_PAD_BEFORE_DAYS;
  let lastDay = bDay + TIMELINE_PAD_AFTER_DAYS;
  if (old) {
    firstDay = aMs >= old.coverFromMs ? old.firstDay : Math.min(old.firstDay, firstDay);
    lastDay = bMs <= old.coverToMs ? old.lastDay : Math.max(old.lastDay, lastDay);
  }
  if (lastDay - firstDay > TIMELINE_MAX_DAYS) return false;
  const segs: number[] = [];
  let keptAt = -1; // index in `segs` of the old table's first segment (or -1 while before it)
  let beforeOld = 0; // working ms between the new and the old `coverFromMs`
  for (let day = firstDay; day < lastDay; day++) {
    if (old && day === old.firstDay) keptAt = segs.length;
    const daySegs = cal.segmentCache.get(day) ?? computeDaySegments(cal, day);
    for (let i = 0; i < daySegs.length; i += 2) {
      segs.push(daySegs[i]!, daySegs[i + 1]!);
      if (old && keptAt < 0) beforeOld += daySegs[i + 1]! - daySegs[i]!;
    }
  }
  const n = segs.length / 2;
  const start = new Float64Array(n);
  const end = new Float64Array(n);
  const cum = new Float64Array(n);
  const cumFrom = old ? old.cumFrom - beforeOld : 0;
  let acc = cumFrom;
  for (let i = 0; i < n; i++) {
    start[i] = segs[2 * i]!;
    end[i] = segs[2 * i + 1]!;
    cum[i] = acc;
    acc += end[i]! - start[i]!;
  }
  const coverFromMs = localMidnight(cal, firstDay);
  const coverToMs = localMidnight(cal, lastDay);
  const bucket = new Int32Array(Math.ceil((coverToMs - coverFromMs) / DAY_MS) + 1);
  let idx = -1;
  for (let k = 0; k < bucket.length; k++) {
    const at = coverFromMs + k * DAY_MS;
    while (idx + 1 < n && start[idx + 1]! <= at) idx++;
    bucket[k] = idx;
  }
  cal.timeline = { firstDay, lastDay, coverFromMs, coverToMs, cumFrom, start, end, cum, bucket };
  return true;
}

/**
 * Cumulative working ms at `t` on the calendar's timeline (origin fixed but arbitrary: use differences).
 * `t` must be covered (see {@link ensureTimeline}). Allocation-free, O(1).
 */
export function workingCumAt(tl: WorkingTimeline, t: number): number {
  let i = tl.bucket[Math.floor((t - tl.coverFromMs) / DAY_MS)]!;
  const start = tl.start;
  const n = start.length;
  while (i + 1 < n && start[i + 1]! <= t) i++;
  if (i < 0) return tl.cumFrom;
  const s = start[i]!;
  const e = tl.end[i]!;
  return tl.cum[i]! + ((t < e ? t : e) - s);
}

/** Working milliseconds in `[a, b)`; negative when `b < a`. */
export function workingMsBetween(cal: CompiledCalendar, a: number, b: number): number {
  if (b < a) return -workingMsBetween(cal, b, a);
  if (b === a) return 0;
  if (ensureTimeline(cal, a, b)) {
    const tl = cal.timeline!;
    return workingCumAt(tl, b) - workingCumAt(tl, a);
  }
  return walkWorkingMs(cal, a, b);
}

/** {@link workingMsBetween} by walking the days (spans beyond the timeline). */
export function walkWorkingMs(cal: CompiledCalendar, a: number, b: number): number {
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
