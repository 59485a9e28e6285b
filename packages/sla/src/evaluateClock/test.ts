import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../_data/policies.js';
import { clocksFor } from '../clocksFor/index.js';
import { pauseClock } from '../pauseClock/index.js';
import { resumeClock } from '../resumeClock/index.js';
import { startClock } from '../startClock/index.js';
import type { BusinessCalendar, Clock } from '../types.js';
import { evaluateClock } from './index.js';

const sh = (local: string) => new Date(`${local}+08:00`).toISOString();
const [arrival30, restoration240] = clocksFor(DEFAULT_POLICY, { type: 'fault_repair', zoneClass: 'urban' });
const complaint = clocksFor(DEFAULT_POLICY, { type: 'complaint', zoneClass: 'urban' })[1]!;
const MIN = 60_000;

describe('evaluateClock — wall clock state chain', () => {
  const c = startClock(arrival30!, sh('2026-09-21T10:00'));
  it.each([
    ['2026-09-21T09:59', 'running', 30 * MIN, '2026-09-21T10:20'],
    ['2026-09-21T10:00', 'running', 30 * MIN, '2026-09-21T10:20'],
    ['2026-09-21T10:10', 'running', 20 * MIN, '2026-09-21T10:20'],
    ['2026-09-21T10:20', 'warning', 10 * MIN, '2026-09-21T10:30'],
    ['2026-09-21T10:29', 'warning', 1 * MIN, '2026-09-21T10:30'],
    ['2026-09-21T10:30', 'breached', 0, null],
    ['2026-09-21T11:00', 'breached', -30 * MIN, null],
  ])('at %s: %s, %d ms left, next %s', (now, state, remainingMs, next) => {
    expect(evaluateClock(c, sh(now))).toMatchObject({
      state,
      remainingMs,
      nextChangeAt: next === null ? null : sh(next),
    });
  });

  it('warning at 80 % for a long clock (4 h → 3 h 12 min)', () => {
    const r = startClock(restoration240!, sh('2026-09-21T08:00'));
    expect(evaluateClock(r, sh('2026-09-21T08:00')).nextChangeAt).toBe(sh('2026-09-21T11:12'));
    expect(evaluateClock(r, sh('2026-09-21T11:12'))).toMatchObject({ state: 'warning', fractionUsed: 0.8 });
  });

  it('configurable thresholds', () => {
    expect(evaluateClock(c, sh('2026-09-21T10:00'), { atFraction: 0.5 }).nextChangeAt).toBe(
      sh('2026-09-21T10:15'),
    );
    expect(evaluateClock(c, sh('2026-09-21T10:00'), { atFraction: 1, atRemainingMs: 0 }).nextChangeAt).toBe(
      sh('2026-09-21T10:30'),
    );
    expect(() => evaluateClock(c, sh('2026-09-21T10:00'), { atFraction: 2 })).toThrow(RangeError);
  });

  it('a closed pause in the future is a state change', () => {
    const p = resumeClock(
      pauseClock(c, sh('2026-09-21T10:05'), 'customer_unreachable'),
      sh('2026-09-21T10:15'),
    );
    expect(evaluateClock(p, sh('2026-09-21T10:01')).nextChangeAt).toBe(sh('2026-09-21T10:05'));
    expect(evaluateClock(p, sh('2026-09-21T10:06'))).toMatchObject({
      state: 'paused',
      remainingMs: 25 * MIN,
      nextChangeAt: sh('2026-09-21T10:15'),
    });
    expect(evaluateClock(p, sh('2026-09-21T10:15')).nextChangeAt).toBe(sh('2026-09-21T10:30'));
  });

  it('recompiles a clock object changed in place (cache safety)', () => {
    const m: Clock = { ...c };
    expect(evaluateClock(m, sh('2026-09-21T10:40')).state).toBe('breached');
    m.stoppedAt = sh('2026-09-21T10:25');
    expect(evaluateClock(m, sh('2026-09-21T10:40')).state).toBe('met');
    expect(evaluateClock(m, sh('2026-09-21T10:40'), { atFraction: 0.1 }).state).toBe('met');
  });

  it('recompiles when the calendar kind of a clock object is changed in place', () => {
    const m: Clock = { ...startClock(arrival30!, sh('2026-09-21T11:50')) };
    // Wall: 30 min from 11:50 → due 12:20, breached at 12:40.
    expect(evaluateClock(m, sh('2026-09-21T12:40')).state).toBe('breached');
    // Business: the lunch break does not count, 10 min used by 12:40.
    m.calendar = 'business';
    expect(evaluateClock(m, sh('2026-09-21T12:40'))).toMatchObject({
      state: 'running',
      remainingMs: 20 * MIN,
    });
  });

  it('repeats nextChangeAt correctly when the same clock alternates between change instants', () => {
    const p = resumeClock(
      pauseClock(c, sh('2026-09-21T10:05'), 'customer_unreachable'),
      sh('2026-09-21T10:15'),
    );
    for (let k = 0; k < 3; k++) {
      expect(evaluateClock(p, sh('2026-09-21T10:01')).nextChangeAt).toBe(sh('2026-09-21T10:05'));
      expect(evaluateClock(p, sh('2026-09-21T10:06')).nextChangeAt).toBe(sh('2026-09-21T10:15'));
      // The 10 min pause moves the warning to 10:30 and the due instant to 10:40.
      expect(evaluateClock(p, sh('2026-09-21T10:29')).nextChangeAt).toBe(sh('2026-09-21T10:30'));
      expect(evaluateClock(p, sh('2026-09-21T10:31')).nextChangeAt).toBe(sh('2026-09-21T10:40'));
      expect(evaluateClock(p, sh('2026-09-21T10:41')).nextChangeAt).toBeNull();
    }
  });

  it('does not depend on the machine: accepts Date, ms and ISO with offset alike', () => {
    const iso = evaluateClock(c, '2026-09-21T10:10:00+08:00');
    expect(evaluateClock(c, new Date('2026-09-21T02:10:00Z'))).toEqual(iso);
    expect(evaluateClock(c, Date.parse('2026-09-21T02:10:00Z'))).toEqual(iso);
  });
});

describe('evaluateClock — business clocks count working time', () => {
  const c = startClock(complaint, sh('2026-09-30T16:00')); // due Mon Oct 12 16:00, 28 working hours

  it('does not move during the National Day holiday', () => {
    const a = evaluateClock(c, sh('2026-10-01T09:00'));
    const b = evaluateClock(c, sh('2026-10-07T17:00'));
    expect(a).toEqual(b);
    expect(a).toMatchObject({ state: 'running', remainingMs: 26.5 * 3_600_000 });
  });

  it('warns at 80 % of working time', () => {
    // 80 % of 28 h = 22.4 h; 1.5 (Sep 30) + 7 (Oct 8) + 7 (Oct 9) + 6.9 (Oct 10, make-up Saturday: 3 h + 3.9 h) → 17:24.
    expect(evaluateClock(c, sh('2026-10-01T09:00')).nextChangeAt).toBe(sh('2026-10-10T17:24'));
    expect(evaluateClock(c, sh('2026-10-12T15:00'))).toMatchObject({
      state: 'warning',
      remainingMs: 3_600_000,
    });
  });

  it('overdue working time keeps counting on the calendar', () => {
    expect(evaluateClock(c, sh('2026-10-13T10:00'))).toMatchObject({
      state: 'breached',
      remainingMs: -(1.5 + 1) * 3_600_000,
    });
  });

  it('uses the calendar passed in', () => {
    const utc: BusinessCalendar = {
      timeZone: 'UTC',
      workingHours: [{ from: '00:00', to: '24:00' }],
      weekendDays: [],
      holidays: [],
      makeUpWorkdays: [],
    };
    const u = startClock(complaint, '2026-09-30T00:00:00Z', utc);
    expect(u.dueAt).toBe('2026-10-04T00:00:00.000Z');
    expect(evaluateClock(u, '2026-10-02T00:00:00Z', undefined, utc).remainingMs).toBe(48 * 3_600_000);
  });
});

describe('evaluateClock — properties', () => {
  const t0 = Date.parse('2026-09-21T02:00:00Z');
  const clockArb: fc.Arbitrary<Clock> = fc
    .tuple(
      fc.constantFrom(arrival30!, restoration240!, complaint),
      fc.array(
        fc.tuple(fc.integer({ min: 0, max: 5 * 3_600_000 }), fc.integer({ min: 1, max: 5 * 3_600_000 })),
        {
          maxLength: 4,
        },
      ),
    )
    .map(([def, gaps]) => {
      let clock = startClock(def, t0);
      let t = t0;
      for (const [gap, length] of gaps) {
        t += gap;
        clock = pauseClock(clock, t, 'customer_unreachable');
        t += length;
        clock = resumeClock(clock, t);
      }
      return clock;
    });
  const nowArb = fc.integer({ min: t0 - 3_600_000, max: t0 + 20 * 86_400_000 });

  it('is deterministic in now', () => {
    fc.assert(
      fc.property(clockArb, nowArb, (clock, now) => {
        const copy = JSON.parse(JSON.stringify(clock)) as Clock;
        expect(evaluateClock(copy, now)).toEqual(evaluateClock(clock, now));
        expect(evaluateClock(clock, now)).toEqual(evaluateClock(clock, now));
      }),
      { numRuns: 200 },
    );
  });

  it('remainingMs never increases with now while running', () => {
    fc.assert(
      fc.property(clockArb, nowArb, nowArb, (clock, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(evaluateClock(clock, hi).remainingMs).toBeLessThanOrEqual(
          evaluateClock(clock, lo).remainingMs,
        );
      }),
      { numRuns: 300 },
    );
  });

  it('nextChangeAt is after now and the state holds until then', () => {
    fc.assert(
      fc.property(clockArb, nowArb, (clock, now) => {
        const r = evaluateClock(clock, now);
        if (r.nextChangeAt === null) return;
        const next = Date.parse(r.nextChangeAt);
        expect(next).toBeGreaterThan(now);
        expect(evaluateClock(clock, next - 1).state).toBe(r.state);
        expect(evaluateClock(clock, next).state).not.toBe(r.state);
      }),
      { numRuns: 300 },
    );
  });
});
