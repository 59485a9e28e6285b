import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../_data/policies.js';
import { ClockTransitionError } from '../_lib/errors.js';
import { applyEmergency } from '../applyEmergency/index.js';
import { clocksFor } from '../clocksFor/index.js';
import { pauseClock } from '../pauseClock/index.js';
import { startClock } from '../startClock/index.js';
import { resumeClock } from './index.js';

const sh = (local: string) => new Date(`${local}+08:00`).toISOString();
const restoration = clocksFor(DEFAULT_POLICY, { type: 'fault_repair', zoneClass: 'urban' })[1]!;

describe('resumeClock', () => {
  const start = startClock(restoration, sh('2026-09-21T08:00')); // due 12:00

  it('merges a customer pause overlapping an emergency window', () => {
    const withEmergency = applyEmergency(start, {
      from: sh('2026-09-21T09:00'),
      to: sh('2026-09-21T10:00'),
      mode: 'pause',
    });
    expect(withEmergency.dueAt).toBe(sh('2026-09-21T13:00'));
    const paused = pauseClock(withEmergency, sh('2026-09-21T09:30'), 'customer_unreachable');
    const resumed = resumeClock(paused, sh('2026-09-21T10:30'));
    // Paused 09:00–10:30 in all: 1.5 h, not 2 h.
    expect(resumed.dueAt).toBe(sh('2026-09-21T13:30'));
  });

  it('throws a typed error for a running clock', () => {
    expect(() => resumeClock(start, sh('2026-09-21T09:00'))).toThrow(ClockTransitionError);
    expect(() => resumeClock(start, sh('2026-09-21T09:00'))).toThrow('not paused');
  });
});
