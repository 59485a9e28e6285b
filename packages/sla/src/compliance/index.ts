import { DEFAULT_CALENDAR } from '../_lib/clockCore.js';
import { clockOutcome } from '../clockOutcome/index.js';
import type { BusinessCalendar, Clock } from '../types.js';

export interface ComplianceOptions {
  groupBy: (clock: Clock) => string;
  /**
   * Target for the average, per group. Default: when every clock of the group is judged on `average` with
   * the same budget, that budget; otherwise no average target.
   */
  targetAverageMs?: number | ((key: string, clocks: readonly Clock[]) => number | undefined);
  /** `adjusted` (default): net of pauses and emergencies, exempt clocks left out. `raw`: none of that. */
  mode?: 'adjusted' | 'raw';
  /** Calendar of the business clocks (default `CN_CALENDAR_2026_2027`). */
  calendar?: BusinessCalendar;
}

export interface ComplianceRow {
  key: string;
  /** Finished clocks judged (adjusted mode: exempt ones left out). */
  count: number;
  /** Finished clocks left out as exempt (always 0 in raw mode). */
  exempt: number;
  onTime: number;
  /** `onTime / count`; `null` when `count` is 0 (same for the figures below). */
  onTimeRate: number | null;
  avgMs: number | null;
  p50Ms: number | null;
  p90Ms: number | null;
  worstMs: number | null;
  averageTarget?: { targetMs: number; met: boolean };
}

/** Nearest-rank percentile of an ascending array: the value at rank ⌈p/100 · n⌉ (1-based). */
function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.max(1, Math.ceil((p / 100) * sorted.length)) - 1]!;
}

/**
 * Compliance per group over FINISHED clocks (running clocks are ignored). Durations are in each clock's own
 * time: wall ms, or working ms for business clocks — don't mix both in one group.
 *
 * - `onTime`: stopped at or before the due time (`dueAt` adjusted, `rawDueAt` raw).
 * - `avgMs`, `p50Ms`, `p90Ms`, `worstMs`: elapsed time from start to stop (adjusted: pauses subtracted).
 *   Percentiles use the nearest-rank method: the p-th percentile of n sorted values is the value at rank
 *   ⌈p/100 · n⌉, always an observed value (p50 of [10, 20, 30, 40] is 20; p90 is 40).
 * - `averageTarget`: for policies judged on averages (State Grid 2023, Southern Grid): `met` when
 *   `avgMs <= targetMs`.
 * Rows are sorted by key.
 *
 * @example
 * compliance(clocks, { groupBy: (c) => c.kind });
 * //=> [{ key: 'arrival', count: 4, exempt: 0, onTime: 3, onTimeRate: 0.75, avgMs: …, p50Ms: …, p90Ms: …, worstMs: … }]
 * compliance(clocks, { groupBy: (c) => c.kind, mode: 'raw' }); // same, ignoring pauses and exemptions
 */
export function compliance(clocks: readonly Clock[], options: ComplianceOptions): ComplianceRow[] {
  const mode = options.mode ?? 'adjusted';
  const calendar = options.calendar ?? DEFAULT_CALENDAR;
  const groups = new Map<string, Clock[]>();
  for (const clock of clocks) {
    if (clock.stoppedAt === null) continue;
    const key = options.groupBy(clock);
    const group = groups.get(key);
    if (group) group.push(clock);
    else groups.set(key, [clock]);
  }
  const rows: ComplianceRow[] = [];
  for (const [key, group] of groups) {
    let exempt = 0;
    let onTime = 0;
    const durations: number[] = [];
    for (const clock of group) {
      const o = clockOutcome(clock, calendar);
      if (mode === 'adjusted') {
        if (o.exempt) {
          exempt++;
          continue;
        }
        durations.push(o.adjustedElapsedMs!);
        if (o.adjustedMet) onTime++;
      } else {
        durations.push(o.rawElapsedMs!);
        if (o.rawMet) onTime++;
      }
    }
    durations.sort((a, b) => a - b);
    const count = durations.length;
    const avgMs = count ? durations.reduce((s, d) => s + d, 0) / count : null;
    const row: ComplianceRow = {
      key,
      count,
      exempt,
      onTime,
      onTimeRate: count ? onTime / count : null,
      avgMs,
      p50Ms: count ? percentile(durations, 50) : null,
      p90Ms: count ? percentile(durations, 90) : null,
      worstMs: count ? durations[count - 1]! : null,
    };
    const targetMs =
      typeof options.targetAverageMs === 'function'
        ? options.targetAverageMs(key, group)
        : (options.targetAverageMs ?? defaultAverageTarget(group));
    if (targetMs !== undefined && avgMs !== null) row.averageTarget = { targetMs, met: avgMs <= targetMs };
    rows.push(row);
  }
  return rows.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function defaultAverageTarget(group: readonly Clock[]): number | undefined {
  const first = group[0];
  if (!first || !group.every((c) => c.judgedOn === 'average' && c.budgetMs === first.budgetMs))
    return undefined;
  return first.budgetMs;
}
