/**
 * Percentiles by the nearest-rank method (the same as @gd/sla's reports): the p-th percentile of n sorted values is
 * the value at rank ⌈p/100 · n⌉ (1-based). The median is the 50th percentile by the same rule.
 */
export const PERCENTILE_METHOD = 'nearest rank: the value at rank ⌈p/100 · n⌉ of the n sorted samples';

export interface Summary {
  n: number;
  min: number;
  median: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export function percentile(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const rank = Math.min(n, Math.max(1, Math.ceil((p / 100) * n)));
  return sorted[rank - 1] as number;
}

export function summarize(samples: ArrayLike<number>): Summary {
  const sorted = Float64Array.from(samples as ArrayLike<number>).sort();
  const n = sorted.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i] as number;
  return {
    n,
    min: n ? (sorted[0] as number) : Number.NaN,
    median: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: n ? (sorted[n - 1] as number) : Number.NaN,
    mean: n ? sum / n : Number.NaN,
  };
}

/** Latency samples of a closed loop of async calls, bounded by count and by time. */
export async function timeCalls(
  fn: (i: number) => Promise<void>,
  opts: { count: number; maxMs: number; concurrency?: number },
): Promise<number[]> {
  const samples: number[] = [];
  const deadline = performance.now() + opts.maxMs;
  let next = 0;
  const worker = async () => {
    while (next < opts.count && performance.now() < deadline) {
      const i = next++;
      const t0 = performance.now();
      await fn(i);
      samples.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency ?? 1 }, worker));
  return samples;
}
