import { type SQL, sql } from 'drizzle-orm';

/**
 * A fault order waiting for a crew, as SQL over the `tickets` row named `alias`: accepted, no crew, not a child (an
 * outage's master order's crew serves its children). The same orders as the planner's backlog
 * (DispatchRepository.waitingOrders); the dashboard counts them.
 */
export function waitingForCrew(alias: string): SQL {
  const t = sql.raw(alias);
  return sql`${t}.status = 'accepted' and ${t}.type = 'fault_repair' and ${t}.crew_id is null and ${t}.parent_id is null`;
}
