import { loadavg } from 'node:os';
import { type CpuAccount, startCpuAccount } from './cpu.js';
import { percentile } from './stats.js';

/**
 * On shared cores one measurement says little: a case repeats it so that its spread is known, and keeps beside each
 * repetition what it cost in CPU (steadier than latency on a busy machine) and the 1-minute load average it ran at.
 */
export interface Repetition<T> {
  result: T;
  cpu: CpuAccount | null;
  loadAverage: number;
}

/** How many times a measurement is repeated. */
export const REPETITIONS = 3;

export async function repeated<T>(
  apiPid: number | null,
  measure: (i: number) => Promise<T>,
  times = REPETITIONS,
): Promise<Repetition<T>[]> {
  const reps: Repetition<T>[] = [];
  for (let i = 0; i < times; i++) {
    const loadAverage = loadavg()[0] ?? 0;
    const cpu = startCpuAccount({ apiPid });
    const result = await measure(i);
    reps.push({ result, cpu: cpu.stop(), loadAverage });
  }
  return reps;
}

const median = (xs: number[]) => percentile(Float64Array.from(xs).sort(), 50);

/** The median of the repetitions' values, and the repetition it came from (the lower middle one for an even count). */
export function medianOf<T>(
  reps: Repetition<T>[],
  value: (r: T) => number,
): { value: number; rep: Repetition<T> } {
  const m = median(reps.map((r) => value(r.result)));
  const rep = reps.find((r) => value(r.result) === m) ?? reps[0]!;
  return { value: m, rep };
}

/** "p99 over 3 repetitions: 12.1, 10.3, 14.0 ms (median 12.1, range 10.3–14.0)". */
export function spreadNote<T>(
  reps: Repetition<T>[],
  what: string,
  value: (r: T) => number,
  unit: string,
): string {
  const xs = reps.map((r) => value(r.result));
  const f = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
  return `${what} over ${xs.length} repetitions: ${xs.map(f).join(', ')} ${unit} (median ${f(median(xs))}, range ${f(Math.min(...xs))}–${f(Math.max(...xs))})`;
}

/**
 * "CPU per search: API 1.20 ms, Postgres 0.80 ms (median of 3; range …)": the CPU the API process and every postgres
 * process spent per unit of work, repetition by repetition. Postgres's figure counts every client of the server.
 */
export function cpuNote<T>(reps: Repetition<T>[], unit: string, units: (r: T) => number): string {
  const per = (pick: (c: CpuAccount) => number) =>
    reps.flatMap((r) => (r.cpu && units(r.result) > 0 ? [pick(r.cpu) / units(r.result)] : []));
  const api = per((c) => c.apiMs);
  const pg = per((c) => c.postgresMs);
  if (!api.length) return '';
  const show = (xs: number[]) =>
    `${median(xs).toFixed(2)} ms (range ${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)})`;
  return `CPU per ${unit} (median of ${api.length}): API ${show(api)}, Postgres ${show(pg)}`;
}

/** "1-minute load average 2.31, 2.40, 2.52 at the repetitions' starts". */
export function loadNote<T>(reps: Repetition<T>[]): string {
  return `1-minute load average ${reps.map((r) => r.loadAverage.toFixed(2)).join(', ')} at the repetitions' starts`;
}
