import { describe, expect, it } from 'vitest';
import {
  CREW_BUSY_STATUSES,
  CREW_IDLE_STATUSES,
  CREW_RELEASED_STATUS,
  CREW_STATUS_FOR_ORDER,
  crewSelfSwitchProblem,
  UNUSED_CREW_STATUSES,
} from './crews.js';
import { CREW_STATUSES } from './territory.js';
import { TICKET_STATUSES } from './tickets.js';

describe('the crew status machine', () => {
  it('never puts a crew in an unused status: an order moves it to a busy status or releases it', () => {
    for (const to of TICKET_STATUSES) {
      const status = CREW_STATUS_FOR_ORDER[to];
      if (status === undefined || status === 'released') continue;
      expect(CREW_BUSY_STATUSES, `${to} → ${status}`).toContain(status);
    }
    expect(UNUSED_CREW_STATUSES).not.toContain(CREW_RELEASED_STATUS);
    expect(CREW_BUSY_STATUSES.some((s) => (UNUSED_CREW_STATUSES as readonly string[]).includes(s))).toBe(
      false,
    );
  });

  it('releases a crew as available at once, for the planner to send again', () => {
    expect(CREW_RELEASED_STATUS).toBe('available');
    for (const to of ['completed', 'cancelled', 'merged', 'accepted'] as const)
      expect(CREW_STATUS_FOR_ORDER[to]).toBe('released');
  });

  it('keeps every status of the API either reachable or named unused', () => {
    const reachable = new Set<string>([...CREW_BUSY_STATUSES, CREW_RELEASED_STATUS, 'off_duty']);
    for (const s of CREW_STATUSES)
      expect(reachable.has(s) || (UNUSED_CREW_STATUSES as readonly string[]).includes(s), s).toBe(true);
    expect(UNUSED_CREW_STATUSES.every((s) => !reachable.has(s))).toBe(true);
  });

  it('lets a crew with no order go on or off duty, and no busy crew', () => {
    for (const s of CREW_IDLE_STATUSES) expect(crewSelfSwitchProblem(s, 'off_duty', false)).toBeNull();
    for (const s of CREW_BUSY_STATUSES) expect(crewSelfSwitchProblem(s, 'off_duty', false)).toBe('has_order');
    expect(crewSelfSwitchProblem('available', 'off_duty', true)).toBe('has_order');
  });
});
