import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../_data/policies.js';
import { applyEmergency } from '../applyEmergency/index.js';
import { clocksFor } from '../clocksFor/index.js';
import { exemptClock } from '../exemptClock/index.js';
import { pauseClock } from '../pauseClock/index.js';
import { resumeClock } from '../resumeClock/index.js';
import { startClock } from '../startClock/index.js';
import { stopClock } from '../stopClock/index.js';
import { clockOutcome } from './index.js';

const sh = (local: string) => new Date(`${local}+08:00`).toISOString();
const restoration = clocksFor(DEFAULT_POLICY, { type: 'fault_repair', zoneClass: 'urban' })[1]!;
const complaint = clocksFor(DEFAULT_POLICY, { type: 'complaint', zoneClass: 'urban' })[1]!;
const H = 3_600_000;

describe('clockOutcome', () => {
  const start = startClock(restoration, sh('2026-09-21T08:00'));

  it('running: all null', () => {
    expect(clockOutcome(start)).toEqual({
      rawElapsedMs: null,
      adjustedElapsedMs: null,
      rawMet: null,
      adjustedMet: null,
      exempt: false,
    });
  });

  it('raw vs adjusted with a typhoon pause', () => {
    const c = stopClock(
      applyEmergency(start, { from: sh('2026-09-21T09:00'), to: sh('2026-09-21T11:00'), mode: 'pause' }),
      sh('2026-09-21T13:00'),
    );
    expect(clockOutcome(c)).toEqual({
      rawElapsedMs: 5 * H,
      adjustedElapsedMs: 3 * H,
      rawMet: false,
      adjustedMet: true,
      exempt: false,
    });
  });

  it('exempt: adjusted unjudged, raw still judged', () => {
    const c = exemptClock(stopClock(start, sh('2026-09-21T13:00')), 'flood', sh('2026-09-22T09:00'));
    expect(clockOutcome(c)).toMatchObject({ rawMet: false, adjustedMet: null, exempt: true });
  });

  it('business clocks report working time', () => {
    let c = startClock(complaint, sh('2026-09-30T16:00'));
    c = resumeClock(pauseClock(c, sh('2026-10-08T09:00'), 'customer_unreachable'), sh('2026-10-08T12:00'));
    c = stopClock(c, sh('2026-10-09T09:00'));
    expect(clockOutcome(c)).toEqual({
      rawElapsedMs: 8.5 * H,
      adjustedElapsedMs: 5.5 * H,
      rawMet: true,
      adjustedMet: true,
      exempt: false,
    });
  });
});
