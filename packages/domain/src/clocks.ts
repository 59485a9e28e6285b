import type { TicketStatus } from './tickets.js';

export const CLOCK_KINDS = ['arrival', 'restoration', 'response', 'resolution'] as const;
export type ClockKind = (typeof CLOCK_KINDS)[number];
export const CLOCK_STATES = ['running', 'paused', 'warning', 'met', 'breached', 'exempt'] as const;
export type ClockState = (typeof CLOCK_STATES)[number];

/** Why a clock may be paused by hand (force majeure needs a supervisor). */
export const PAUSE_REASONS = ['customer_unreachable', 'customer_appointment', 'force_majeure'] as const;
export type PauseReason = (typeof PAUSE_REASONS)[number];

/** The longest window an area emergency may have (days); a longer one is ended and declared again. */
export const MAX_EMERGENCY_DAYS = 7;

/**
 * What an order's move means for its SLA clocks, in one table: the clocks the new status stops (`all`: whatever
 * still runs), whether stopping them exempts rather than judges (the order is no longer served on its own), and the
 * clock whose real end the move marks even when that clock is exempt (the raw report wants when the work was done).
 * A status not listed touches no clock. Arrival (on_site) also starts the clocks counted from arrival.
 */
export interface ClockMilestone {
  stops: readonly ClockKind[] | 'all';
  exempts?: true;
  rawStop?: ClockKind;
}
export const CLOCK_MILESTONES: Readonly<Partial<Record<TicketStatus, ClockMilestone>>> = {
  on_site: { stops: ['arrival'], rawStop: 'arrival' },
  restored: { stops: ['arrival', 'restoration'], rawStop: 'restoration' },
  in_progress: { stops: ['response'] },
  completed: { stops: 'all' },
  cancelled: { stops: 'all', exempts: true },
  merged: { stops: 'all', exempts: true },
};

/** Most urgent first: a breached clock, then one in its warning, running, paused, met, exempt. */
export const CLOCK_URGENCY: Readonly<Record<ClockState, number>> = {
  breached: 0,
  warning: 1,
  running: 2,
  paused: 3,
  met: 4,
  exempt: 5,
};

/**
 * The one urgency order of clocks (queues, the map, badges): by state, then the nearer (or further past) due time.
 * Negative when `a` is more urgent.
 */
export function compareClockUrgency(
  a: { state: ClockState; remainingMs: number },
  b: { state: ClockState; remainingMs: number },
): number {
  return CLOCK_URGENCY[a.state] - CLOCK_URGENCY[b.state] || a.remainingMs - b.remainingMs;
}
