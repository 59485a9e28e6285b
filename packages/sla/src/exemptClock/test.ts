import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../_data/policies.js';
import { ClockTransitionError } from '../_lib/errors.js';
import { clocksFor } from '../clocksFor/index.js';
import { evaluateClock } from '../evaluateClock/index.js';
import { pauseClock } from '../pauseClock/index.js';
import { startClock } from '../startClock/index.js';
import { stopClock } from '../stopClock/index.js';
import { exemptClock } from './index.js';

const sh = (local: string) => new Date(`${local}+08:00`).toISOString();
const arrival = clocksFor(DEFAULT_POLICY, { type: 'fault_repair', zoneClass: 'rural' })[0]!;

describe('exemptClock', () => {
  const start = startClock(arrival, sh('2026-09-21T10:00')); // due 11:00

  it('records the reason; the clock is exempt and never breaches', () => {
    const c = exemptClock(start, 'typhoon, road blocked', sh('2026-09-21T10:30'));
    expect(c.exempt).toEqual({ reason: 'typhoon, road blocked', at: sh('2026-09-21T10:30') });
    expect(evaluateClock(c, sh('2026-09-21T15:00'))).toMatchObject({ state: 'exempt', nextChangeAt: null });
  });

  it('works retroactively on a breached, stopped clock and clears breachedAt', () => {
    const stopped = stopClock(start, sh('2026-09-21T12:00'));
    expect(stopped.breachedAt).not.toBeNull();
    const c = exemptClock(stopped, 'customer refused entry', sh('2026-09-22T09:00'));
    expect(c.breachedAt).toBeNull();
    expect(c.stoppedAt).toBe(sh('2026-09-21T12:00'));
  });

  it('closes an open pause', () => {
    const c = exemptClock(
      pauseClock(start, sh('2026-09-21T10:10'), 'force_majeure'),
      'flood',
      sh('2026-09-21T10:40'),
    );
    expect(c.pauses[0]!.to).toBe(sh('2026-09-21T10:40'));
  });

  it('rejects a second exemption and an empty reason', () => {
    const c = exemptClock(start, 'flood', sh('2026-09-21T10:30'));
    expect(() => exemptClock(c, 'again', sh('2026-09-21T10:31'))).toThrow(ClockTransitionError);
    expect(() => exemptClock(start, ' ', sh('2026-09-21T10:31'))).toThrow('needs a reason');
  });
});
