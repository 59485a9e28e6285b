import { createHash } from 'node:crypto';

/** Types that always get a callback after completion; the others are sampled. */
export const ALWAYS_CALLED_BACK: readonly string[] = ['fault_repair', 'complaint'];

/**
 * A stable number in [0, 1) for an order id: the same order is always in or out of the sample, on every node and
 * in every test run.
 * @example sampleFraction('00000000-0000-0000-0000-000000000000') // always the same value
 */
export function sampleFraction(ticketId: string): number {
  return createHash('sha256').update(ticketId).digest().readUInt32BE(0) / 2 ** 32;
}

/** Does a completed order of this type need a callback, given the sample rate for the other types? */
export function needsCallback(type: string, ticketId: string, sampleRate: number): boolean {
  if (ALWAYS_CALLED_BACK.includes(type)) return true;
  return sampleFraction(ticketId) < sampleRate;
}
