import { describe, expect, it } from 'vitest';
import { canMerge, transitionActions } from './actions.js';

describe('transitionActions', () => {
  it('offers an agent only cancel (with a note) on an accepted repair order', () => {
    expect(transitionActions({ type: 'fault_repair', status: 'accepted' }, 'agent')).toEqual([
      { to: 'cancelled', requires: 'note' },
    ]);
  });
  it('asks QA for a resolution to close and a note to reopen a completed order', () => {
    expect(transitionActions({ type: 'complaint', status: 'completed' }, 'qa')).toEqual([
      { to: 'closed', requires: 'resolution' },
      { to: 'in_progress', requires: 'note' },
    ]);
  });
  it('lets a dispatcher complete a repair with a report', () => {
    expect(transitionActions({ type: 'fault_repair', status: 'restored' }, 'dispatcher')).toContainEqual({
      to: 'completed',
      requires: 'report',
    });
  });
  it('offers merge to an agent on an open order but not on a closed one', () => {
    expect(canMerge({ type: 'fault_repair', status: 'accepted' }, 'agent')).toBe(true);
    expect(canMerge({ type: 'fault_repair', status: 'closed' }, 'agent')).toBe(false);
  });
});
