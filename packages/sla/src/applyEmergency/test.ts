import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../_data/policies.js';
import { ClockTransitionError } from '../_lib/errors.js';
import { clockOutcome } from '../clockOutcome/index.js';
import { clocksFor } from '../clocksFor/index.js';
import { evaluateClock } from '../evaluateClock/index.js';
import { exemptClock } from '../exemptClock/index.js';
import { pauseClock } from '../pauseClock/index.js';
import { resumeClock } from '../resumeClock/index.js';
import { startClock } from '../startClock/index.js';
import { stopClock } from '../stopClock/index.js';
import { applyEmergency } from './index.js';

const sh = (local: string) => new Date(`${local}+08:00`).toISOString();
const restoration = clocksFor(DEFAULT_POLICY, { type: 'fault_repair', zoneClass: 'urban' })[1]!;

describe('applyEmergency', () => {
  const start = startClock(restoration, sh('2026-09-21T08:00')); // due 12:00

  it('pause mode: pauses for the overlap, rawDueAt unchanged', () => {
    const c = applyEmergency(start, {
      from: sh('2026-09-21T09:00'),
      to: sh('2026-09-21T11:00'),
      mode: 'pause',
    });
    expect(c.pauses).toEqual([
      { from: sh('2026-09-21T09:00'), to: sh('2026-09-21T11:00'), reason: 'area_emergency' },
    ]);
    expect(c.dueAt).toBe(sh('2026-09-21T14:00'));
    expect(c.rawDueAt).toBe(sh('2026-09-21T12:00'));
    expect(evaluateClock(c, sh('2026-09-21T10:00'))).toMatchObject({
      state: 'paused',
      nextChangeAt: sh('2026-09-21T11:00'),
    });
    expect(evaluateClock(c, sh('2026-09-21T08:30'))).toMatchObject({
      state: 'running',
      nextChangeAt: sh('2026-09-21T09:00'),
    });
  });

  it('pause mode is clipped to the clock life, applied after the fact', () => {
    const stopped = stopClock(start, sh('2026-09-21T13:00'));
    expect(stopped.breachedAt).toBe(sh('2026-09-21T12:00'));
    const c = applyEmergency(stopped, {
      from: sh('2026-09-21T06:00'),
      to: sh('2026-09-21T20:00'),
      mode: 'pause',
    });
    expect(c.pauses).toEqual([
      { from: sh('2026-09-21T08:00'), to: sh('2026-09-21T13:00'), reason: 'area_emergency' },
    ]);
    expect(c.breachedAt).toBeNull();
    expect(clockOutcome(c)).toEqual({
      rawElapsedMs: 5 * 3_600_000,
      adjustedElapsedMs: 0,
      rawMet: false,
      adjustedMet: true,
      exempt: false,
    });
  });

  it('windows outside the clock life change nothing', () => {
    const stopped = stopClock(start, sh('2026-09-21T10:00'));
    const window = { from: sh('2026-09-21T11:00'), to: sh('2026-09-21T12:00'), mode: 'pause' } as const;
    expect(applyEmergency(stopped, window)).toBe(stopped);
    const before = { from: sh('2026-09-21T06:00'), to: sh('2026-09-21T08:00'), mode: 'exempt' } as const;
    expect(applyEmergency(start, before)).toBe(start);
  });

  it('open window: an open pause, resumed later', () => {
    const c = applyEmergency(start, { from: sh('2026-09-21T09:00'), to: null, mode: 'pause' });
    expect(c.dueAt).toBeNull();
    expect(applyEmergency(c, { from: sh('2026-09-21T09:30'), to: null, mode: 'pause' })).toBe(c);
    expect(resumeClock(c, sh('2026-09-21T10:00')).dueAt).toBe(sh('2026-09-21T13:00'));
  });

  it('overlaps an open customer pause without double counting', () => {
    const paused = pauseClock(start, sh('2026-09-21T09:00'), 'customer_unreachable');
    const c = applyEmergency(paused, {
      from: sh('2026-09-21T09:30'),
      to: sh('2026-09-21T10:30'),
      mode: 'pause',
    });
    expect(resumeClock(c, sh('2026-09-21T10:00')).dueAt).toBe(sh('2026-09-21T13:30'));
  });

  it('exempt mode', () => {
    const c = applyEmergency(start, {
      from: sh('2026-09-21T07:00'),
      to: sh('2026-09-21T09:00'),
      mode: 'exempt',
    });
    expect(c.exempt).toEqual({ reason: 'area_emergency', at: sh('2026-09-21T08:00') });
    expect(evaluateClock(c, sh('2026-09-21T13:00')).state).toBe('exempt');
    expect(applyEmergency(c, { from: sh('2026-09-21T09:00'), to: null, mode: 'pause' })).toBe(c);
    expect(
      applyEmergency(exemptClock(start, 'x', sh('2026-09-21T08:00')), {
        ...c.exempt!,
        from: sh('2026-09-21T08:00'),
        to: null,
        mode: 'exempt',
      }).exempt!.reason,
    ).toBe('x');
  });

  it('rejects an empty window', () => {
    expect(() =>
      applyEmergency(start, { from: sh('2026-09-21T09:00'), to: sh('2026-09-21T09:00'), mode: 'pause' }),
    ).toThrow(ClockTransitionError);
  });
});
