import type { Role } from '@gd/domain';

/** Who publishes and restores outages (the API's POST /outages and /outages/:id/restore). */
export const OUTAGE_ROLES: readonly Role[] = ['dispatcher', 'supervisor', 'admin'];
