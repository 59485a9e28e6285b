import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../_data/policies.js';
import { ClockTransitionError } from '../_lib/errors.js';
import { clocksFor } from '../clocksFor/index.js';
import { evaluateClock } from '../evaluateClock/index.js';
import { pauseClock } from '../pauseClock/index.js';
import { startClock } from '../startClock/index.js';
import { stopClock } from './index.js';

const sh = (local: string) => new Date(`${local}+08:00`).toISOString();
const arrival = clocksFor(DEFAULT_POLICY, { type: 'fault_repair', zoneClass: 'urban' })[0]!;

describe('stopClock', () => {
  const start = startClock(arrival, sh('2026-09-21T23:50')); // due 00:20

  it('on the due instant: met', () => {
    const c = stopClock(start, sh('2026-09-22T00:20'));
    expect(c).toMatchObject({ stoppedAt: sh('2026-09-22T00:20'), breachedAt: null });
    expect(evaluateClock(c, sh('2026-09-23T00:00'))).toEqual({
      state: 'met',
      remainingMs: 0,
      fractionUsed: 1,
      nextChangeAt: null,
    });
  });

  it('after the due instant: breached at the due instant', () => {
    const c = stopClock(start, sh('2026-09-22T00:21'));
    expect(c.breachedAt).toBe(sh('2026-09-22T00:20'));
    expect(evaluateClock(c, sh('2026-09-22T00:21'))).toMatchObject({
      state: 'breached',
      remainingMs: -60_000,
    });
  });

  it('closes an open pause', () => {
    const paused = pauseClock(start, sh('2026-09-22T00:00'), 'customer_appointment');
    const c = stopClock(paused, sh('2026-09-22T01:00'));
    expect(c.pauses[0]!.to).toBe(sh('2026-09-22T01:00'));
    expect(c.dueAt).toBe(sh('2026-09-22T01:20'));
    expect(evaluateClock(c, sh('2026-09-22T02:00')).state).toBe('met');
  });

  it('rejects stopping twice or before the start', () => {
    const c = stopClock(start, sh('2026-09-22T00:00'));
    expect(() => stopClock(c, sh('2026-09-22T00:05'))).toThrow(ClockTransitionError);
    expect(() => stopClock(start, sh('2026-09-21T23:00'))).toThrow('before the clock started');
  });
});
