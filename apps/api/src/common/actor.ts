import type { Role } from '@gd/domain';
import type { AuthUser } from './auth-user.js';

/**
 * Who makes a change: a signed-in user, or the system acting for a role (auto-dispatch acts as a dispatcher,
 * a geofence arrival as the crew, an SLA escalation as a supervisor). Automatic actions pass the same
 * status-machine checks as people do; their audit rows have a null actorId and name the system.
 */
export type Actor = AuthUser | SystemActor;
export interface SystemActor {
  system: 'auto-dispatch' | 'geofence' | 'sla' | 'callback' | 'outage';
  role: Role;
}

export const isSystem = (a: Actor): a is SystemActor => 'system' in a;
export const actorId = (a: Actor): string | null => (isSystem(a) ? null : a.id);
export const actorRole = (a: Actor): Role => a.role;
