import type { BenchContext } from './context.js';
import type { Summary } from './stats.js';

/** A target printed beside a figure: reported, never enforced (the run exits 0 when a target is missed). */
export interface TargetCheck {
  text: string;
  met: boolean | null;
}

/**
 * One measured figure. `value` is the headline number (its median, or the percentile the target names), `stats`
 * the distribution it came from, `baseline` the figure it is compared with in the same run.
 */
export interface Figure {
  name: string;
  unit: string;
  status: 'ok' | 'unavailable' | 'skipped' | 'error';
  value?: number | null;
  stats?: Summary;
  baseline?: { name: string; value: number; unit: string } | null;
  /** value ÷ baseline.value */
  ratio?: number | null;
  target?: TargetCheck | null;
  note?: string;
}

export interface BenchCase {
  /** Short name for `--only`. */
  name: string;
  title: string;
  /** The issue and the target as the issue states it. */
  target: string;
  run(ctx: BenchContext): Promise<Figure[]>;
}

export interface CaseResult {
  name: string;
  title: string;
  target: string;
  status: 'ok' | 'unavailable' | 'skipped' | 'error';
  durationMs: number;
  /** 1-minute load average of the machine when the case started and when it ended (shared cores). */
  loadAverage?: { start: number; end: number };
  figures: Figure[];
  error?: string;
}

export interface RunResult {
  mode: 'smoke' | 'quick' | 'full';
  startedAt: string;
  durationMs: number;
  machine: {
    cpuModel: string;
    cores: number;
    memoryGb: number;
    node: string;
    platform: string;
    postgres: string | null;
    /** 1-minute load average when the run started: other work on a shared machine skews every figure. */
    loadAverageAtStart: number;
  };
  percentileMethod: string;
  cases: CaseResult[];
}

/** A figure that cannot be measured because a route or export it needs does not exist yet. */
export function unavailable(name: string, what: string, unit = ''): Figure {
  return { name, unit, status: 'unavailable', note: `not available yet: ${what} missing` };
}

export function skipped(name: string, why: string, unit = ''): Figure {
  return { name, unit, status: 'skipped', note: why };
}

export function ratioOf(
  value: number | null | undefined,
  baseline: number | null | undefined,
): number | null {
  if (
    value == null ||
    baseline == null ||
    !Number.isFinite(value) ||
    !Number.isFinite(baseline) ||
    baseline === 0
  )
    return null;
  return value / baseline;
}
