import type { Role, User } from '@gd/domain';

/** The authenticated caller, as guards and services see it. */
export interface AuthUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  crewId: string | null;
  district: string | null;
  team: string | null;
}

export interface TokenPayload {
  sub: string;
  role: Role;
  /** Token version: disabling an account or changing its password bumps it and voids older tokens. */
  tv: number;
}

export function toUser(u: AuthUser & { disabled?: boolean }): User {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    crewId: u.crewId,
    district: u.district,
    team: u.team,
    ...(u.disabled === undefined ? {} : { disabled: u.disabled }),
  };
}
