import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../_data/policies.js';
import { ClockTransitionError } from '../_lib/errors.js';
import { clocksFor } from '../clocksFor/index.js';
import { evaluateClock } from '../evaluateClock/index.js';
import { exemptClock } from '../exemptClock/index.js';
import { resumeClock } from '../resumeClock/index.js';
import { startClock } from '../startClock/index.js';
import { stopClock } from '../stopClock/index.js';
import type { Clock } from '../types.js';
import { pauseClock } from './index.js';

const sh = (local: string) => new Date(`${local}+08:00`).toISOString();
const [arrival30, restoration240] = clocksFor(DEFAULT_POLICY, {
  type: 'fault_repair',
  zoneClass: 'urban',
}) as [never, never];
const complaintResolution = clocksFor(DEFAULT_POLICY, { type: 'complaint', zoneClass: 'urban' })[1]!;

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    if (e instanceof ClockTransitionError) return e.code;
    throw e;
  }
  return 'no error';
};

describe('pauseClock / resumeClock — wall clocks', () => {
  const start = startClock(arrival30, sh('2026-09-21T10:00'));

  it('opens a pause: dueAt null, state paused, remaining frozen', () => {
    const p = pauseClock(start, sh('2026-09-21T10:10'), 'customer_unreachable');
    expect(p.pauses).toEqual([{ from: sh('2026-09-21T10:10'), to: null, reason: 'customer_unreachable' }]);
    expect(p.dueAt).toBeNull();
    expect(p.rawDueAt).toBe(sh('2026-09-21T10:30'));
    const later = evaluateClock(p, sh('2026-09-21T18:00'));
    expect(later).toEqual({
      state: 'paused',
      remainingMs: 20 * 60_000,
      fractionUsed: 1 / 3,
      nextChangeAt: null,
    });
  });

  it('resume pushes the due time out by the paused duration', () => {
    const p = pauseClock(start, sh('2026-09-21T10:10'), 'customer_unreachable');
    const r = resumeClock(p, sh('2026-09-21T10:25'));
    expect(r.dueAt).toBe(sh('2026-09-21T10:45'));
    expect(r.pauses[0]!.to).toBe(sh('2026-09-21T10:25'));
  });

  it('back-to-back pauses add up', () => {
    let c = pauseClock(start, sh('2026-09-21T10:10'), 'customer_unreachable');
    c = resumeClock(c, sh('2026-09-21T10:20'));
    c = pauseClock(c, sh('2026-09-21T10:20'), 'customer_appointment');
    c = resumeClock(c, sh('2026-09-21T10:30'));
    expect(c.dueAt).toBe(sh('2026-09-21T10:50'));
    expect(c.pauses).toHaveLength(2);
  });

  it('a pause longer than the clock is fine', () => {
    let c = pauseClock(start, sh('2026-09-21T10:05'), 'customer_appointment');
    c = resumeClock(c, sh('2026-09-22T14:00'));
    expect(c.dueAt).toBe(sh('2026-09-22T14:25'));
    expect(evaluateClock(c, sh('2026-09-22T14:00')).state).toBe('running');
  });

  it('a pause after the due time does not un-breach the clock', () => {
    let c = pauseClock(start, sh('2026-09-21T10:40'), 'customer_unreachable');
    expect(c.breachedAt).toBe(sh('2026-09-21T10:30'));
    expect(c.dueAt).toBe(sh('2026-09-21T10:30'));
    c = resumeClock(c, sh('2026-09-21T11:00'));
    expect(c.dueAt).toBe(sh('2026-09-21T10:30'));
    expect(evaluateClock(c, sh('2026-09-21T10:50')).state).toBe('breached');
  });

  it('a pause before the start is rejected, an invalid reason too', () => {
    expect(code(() => pauseClock(start, sh('2026-09-21T09:00'), 'force_majeure'))).toBe('before_start');
    expect(() => pauseClock(start, sh('2026-09-21T10:10'), 'lunch' as never)).toThrow(
      'unknown pause reason "lunch"',
    );
  });

  it('rejects pausing a paused, stopped or exempt clock', () => {
    const paused = pauseClock(start, sh('2026-09-21T10:10'), 'customer_unreachable');
    expect(code(() => pauseClock(paused, sh('2026-09-21T10:11'), 'force_majeure'))).toBe('already_paused');
    const stopped = stopClock(start, sh('2026-09-21T10:20'));
    expect(code(() => pauseClock(stopped, sh('2026-09-21T10:21'), 'force_majeure'))).toBe('stopped');
    const exempt = exemptClock(start, 'typhoon', sh('2026-09-21T10:05'));
    expect(code(() => pauseClock(exempt, sh('2026-09-21T10:21'), 'force_majeure'))).toBe('exempt');
  });

  it('rejects resuming a running clock or before the pause began', () => {
    expect(code(() => resumeClock(start, sh('2026-09-21T10:10')))).toBe('not_paused');
    const paused = pauseClock(start, sh('2026-09-21T10:10'), 'customer_unreachable');
    expect(code(() => resumeClock(paused, sh('2026-09-21T10:05')))).toBe('out_of_order');
  });
});

describe('pauseClock / resumeClock — business clocks push by working time', () => {
  const start = startClock(complaintResolution, sh('2026-09-21T10:00')); // Mon 10:00 + 4 working days, Fri 25 is Mid-Autumn → Mon 28 10:00

  it('starts with the holiday-aware due time', () => {
    expect(start.dueAt).toBe(sh('2026-09-28T10:00'));
  });

  it('a pause outside working hours changes nothing', () => {
    const c = resumeClock(
      pauseClock(start, sh('2026-09-21T18:00'), 'customer_unreachable'),
      sh('2026-09-22T08:30'),
    );
    expect(c.dueAt).toBe(start.dueAt);
  });

  it('a pause of 2 working hours moves the due time by 2 working hours', () => {
    // Tue 11:00–14:30 = 1 h (11–12) + 1 h (13:30–14:30) of working time.
    const c = resumeClock(
      pauseClock(start, sh('2026-09-22T11:00'), 'customer_appointment'),
      sh('2026-09-22T14:30'),
    );
    expect(c.dueAt).toBe(sh('2026-09-28T12:00'));
  });
});

describe('pauseClock — invariants (property)', () => {
  const t0 = Date.parse('2026-09-21T02:00:00Z');
  const clockArb = fc.constantFrom(arrival30, restoration240, complaintResolution);
  const steps = fc.array(
    fc.tuple(fc.integer({ min: 0, max: 6 * 3_600_000 }), fc.integer({ min: 1, max: 6 * 3_600_000 })),
    {
      maxLength: 6,
    },
  );

  it('pausing never brings a due time earlier', () => {
    fc.assert(
      fc.property(clockArb, steps, (def, gaps) => {
        let clock: Clock = startClock(def, t0);
        let t = t0;
        let previousDue = Date.parse(clock.dueAt!);
        for (const [gap, length] of gaps) {
          t += gap;
          clock = pauseClock(clock, t, 'customer_unreachable');
          t += length;
          clock = resumeClock(clock, t);
          const due = Date.parse(clock.dueAt!);
          expect(due).toBeGreaterThanOrEqual(previousDue);
          expect(due).toBeGreaterThanOrEqual(Date.parse(clock.rawDueAt));
          previousDue = due;
        }
      }),
      { numRuns: 200 },
    );
  });
});
