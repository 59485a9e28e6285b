import type { Clock } from '@gd/domain';
import { describe, expect, it } from 'vitest';
import { pausableClocks } from './slaView.js';

const clock = (state: Clock['state'], stoppedAt: string | null = null): Clock => ({
  dueAt: '2026-09-21T10:00:00+08:00',
  state,
  startedAt: '2026-09-21T09:00:00+08:00',
  stoppedAt,
  pausedMs: 0,
  breachedAt: null,
});

describe('pausableClocks', () => {
  it('offers the clocks still counting, arrival first', () => {
    expect(pausableClocks({ restoration: clock('running'), arrival: clock('warning') })).toEqual([
      'arrival',
      'restoration',
    ]);
    expect(pausableClocks({ arrival: clock('breached'), restoration: clock('paused') })).toEqual(['arrival']);
    expect(
      pausableClocks({ arrival: clock('met', '2026-09-21T09:20:00+08:00'), restoration: clock('exempt') }),
    ).toEqual([]);
  });
});
