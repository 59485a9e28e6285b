import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../_data/policies.js';
import { applyEmergency } from '../applyEmergency/index.js';
import { clocksFor } from '../clocksFor/index.js';
import { evaluateClock } from '../evaluateClock/index.js';
import { pauseClock } from '../pauseClock/index.js';
import { startClock } from '../startClock/index.js';
import { stopClock } from '../stopClock/index.js';
import { endEmergency } from './index.js';

const sh = (local: string) => new Date(`${local}+08:00`).toISOString();
const restoration = clocksFor(DEFAULT_POLICY, { type: 'fault_repair', zoneClass: 'urban' })[1]!;
const window = { from: sh('2026-09-21T09:00'), to: sh('2026-09-21T13:00'), mode: 'pause' as const };

describe('endEmergency', () => {
  const start = startClock(restoration, sh('2026-09-21T08:00')); // due 12:00
  const paused = applyEmergency(start, window); // due 16:00

  it('pause: cuts the pause at the end, so the due time moves back by what is left of the window', () => {
    expect(paused.dueAt).toBe(sh('2026-09-21T16:00'));
    const ended = endEmergency(paused, window, sh('2026-09-21T10:00'));
    expect(ended.pauses).toEqual([
      { from: sh('2026-09-21T09:00'), to: sh('2026-09-21T10:00'), reason: 'area_emergency' },
    ]);
    expect(ended.dueAt).toBe(sh('2026-09-21T13:00'));
    expect(ended.rawDueAt).toBe(sh('2026-09-21T12:00'));
    expect(evaluateClock(ended, sh('2026-09-21T10:30')).state).toBe('running');
  });

  it('pause: removes a pause that had not begun, and keeps pauses of other reasons', () => {
    const own = pauseClock(start, sh('2026-09-21T08:30'), 'customer_appointment');
    const ahead = applyEmergency(own, window);
    const ended = endEmergency(ahead, window, sh('2026-09-21T08:45'));
    expect(ended.pauses).toEqual([
      { from: sh('2026-09-21T08:30'), to: null, reason: 'customer_appointment' },
    ]);
  });

  it('exempt: lifts an exemption from after the end, keeps one from before', () => {
    const ew = { ...window, mode: 'exempt' as const };
    const later = startClock(restoration, sh('2026-09-21T11:00'));
    const exemptLater = applyEmergency(later, ew);
    expect(exemptLater.exempt).not.toBeNull();
    expect(endEmergency(exemptLater, ew, sh('2026-09-21T10:00')).exempt).toBeNull();
    const exemptEarly = applyEmergency(start, ew);
    expect(endEmergency(exemptEarly, ew, sh('2026-09-21T10:00'))).toBe(exemptEarly);
  });

  it('leaves alone clocks the window never touched, and an end at or after the window', () => {
    const stopped = stopClock(start, sh('2026-09-21T08:30'));
    expect(endEmergency(stopped, window, sh('2026-09-21T10:00'))).toBe(stopped);
    expect(endEmergency(paused, window, sh('2026-09-21T13:00'))).toBe(paused);
  });
});
