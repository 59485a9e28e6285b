import type { CrewStatus } from './territory.js';
import type { TicketStatus } from './tickets.js';

/**
 * The crew status machine, in one place: what a crew's status becomes when its order moves, and which statuses a
 * crew may switch to itself.
 *
 * A crew on an order follows it: sent (dispatched/acknowledged) → en_route → on_site (also while the power is back
 * but the order is not yet completed). When its order completes, is cancelled, merged or goes back to dispatch, the
 * crew is released: available again at once (a crew driving back to its depot can be sent straight to the next
 * fault; `returning` stays in the vocabulary of the public API but no rule sets it).
 */
export const CREW_STATUS_FOR_ORDER: Readonly<Partial<Record<TicketStatus, CrewStatus | 'released'>>> = {
  dispatched: 'dispatched',
  acknowledged: 'dispatched',
  en_route: 'en_route',
  on_site: 'on_site',
  restored: 'on_site',
  completed: 'released',
  cancelled: 'released',
  merged: 'released',
  accepted: 'released',
};

/** Statuses in which a crew is working an order. */
export const CREW_BUSY_STATUSES: readonly CrewStatus[] = ['dispatched', 'en_route', 'on_site'];

/** A crew may go on or off duty itself only while it has no order. */
export const CREW_SELF_STATUSES = ['off_duty', 'available'] as const satisfies readonly CrewStatus[];
export type CrewSelfStatus = (typeof CREW_SELF_STATUSES)[number];

/** Why a crew cannot switch itself to `to` now, or null when it may. */
export function crewSelfSwitchProblem(
  current: CrewStatus,
  to: CrewSelfStatus,
  hasOrder: boolean,
): 'has_order' | null {
  if (current === to) return null;
  return hasOrder || CREW_BUSY_STATUSES.includes(current) ? 'has_order' : null;
}
