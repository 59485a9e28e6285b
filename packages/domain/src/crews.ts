import type { CrewStatus } from './territory.js';
import type { TicketStatus } from './tickets.js';

/**
 * The crew status machine, in one place: what a crew's status becomes when its order moves, and which statuses a
 * crew may switch to itself.
 *
 * A crew on an order follows it: sent (dispatched/acknowledged) → en_route → on_site (also while the power is back
 * but the order is not yet completed). When its order completes, is cancelled, merged or goes back to dispatch, the
 * crew is released: available again at once (CREW_RELEASED_STATUS).
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

/**
 * A crew released by its order is `available` at once, not `returning` (返程): the planner sends only available
 * crews, and in a storm a crew driving back to its depot is often the nearest one for the next fault. There is no
 * depot to reach in the data either, so nothing could end a `returning` status.
 */
export const CREW_RELEASED_STATUS = 'available' satisfies CrewStatus;

/**
 * In the public API's crew statuses (CREW_STATUSES in territory.ts, the `crews.status` column) for the clients
 * built against it, but set by no rule: no crew is ever in it.
 */
export const UNUSED_CREW_STATUSES = ['returning'] as const satisfies readonly CrewStatus[];

/** Statuses in which a crew is working an order. */
export const CREW_BUSY_STATUSES: readonly CrewStatus[] = ['dispatched', 'en_route', 'on_site'];

/** Statuses of a crew with no order, from which it may go on or off duty (an unused status would not block it). */
export const CREW_IDLE_STATUSES: readonly CrewStatus[] = ['off_duty', 'available', ...UNUSED_CREW_STATUSES];

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
