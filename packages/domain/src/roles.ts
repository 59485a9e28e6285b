export const ROLES = ['agent', 'dispatcher', 'crew', 'qa', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that may act on any order's workflow from the back office (not crews). */
export const OFFICE_ROLES: readonly Role[] = ['agent', 'dispatcher', 'qa', 'supervisor', 'admin'];
