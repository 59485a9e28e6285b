import type { Clock, ClockPause } from '../types.js';
import { ClockTransitionError } from './errors.js';
import { toIso, toMs } from './instant.js';

export function openPauseIndex(clock: Clock): number {
  return clock.pauses.findIndex((p) => p.to === null);
}

export function assertNotBeforeStart(clock: Clock, atMs: number): void {
  if (atMs < toMs(clock.startedAt)) {
    throw new ClockTransitionError(
      'before_start',
      `${toIso(atMs)} is before the clock started (${clock.startedAt})`,
    );
  }
}

/** The pauses with the open one (if any) closed at `atMs`. */
export function closeOpenPause(clock: Clock, atMs: number): ClockPause[] {
  const i = openPauseIndex(clock);
  if (i < 0) return clock.pauses;
  const open = clock.pauses[i]!;
  if (atMs < toMs(open.from)) {
    throw new ClockTransitionError(
      'out_of_order',
      `${toIso(atMs)} is before the open pause began (${open.from})`,
    );
  }
  return clock.pauses.map((p, k) => (k === i ? { ...p, to: toIso(atMs) } : p));
}

export function sortPauses(pauses: ClockPause[]): ClockPause[] {
  return [...pauses].sort((a, b) => toMs(a.from) - toMs(b.from));
}
