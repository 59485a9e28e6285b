import { ClockTransitionError } from '@gd/sla';
import { ConflictException } from '@nestjs/common';

/** ClockTransitionError codes (already_paused, not_paused, stopped, exempt, …) are conflicts with the clock's state. */
export function clockConflict(err: unknown): never {
  if (err instanceof ClockTransitionError) throw new ConflictException(`${err.code}: ${err.message}`);
  throw err;
}
