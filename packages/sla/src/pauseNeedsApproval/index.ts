import type { PauseReason } from '../types.js';

/**
 * Whether a pause reason needs a supervisor's approval before the API may apply it: force majeure
 * (typhoon, blocked road) does; customer-caused pauses (unreachable, appointment) do not.
 *
 * @example
 * pauseNeedsApproval('force_majeure'); //=> true
 * pauseNeedsApproval('customer_unreachable'); //=> false
 */
export function pauseNeedsApproval(reason: PauseReason): boolean {
  return reason === 'force_majeure';
}
