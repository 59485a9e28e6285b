import { describe, expect, it } from 'vitest';
import { CN_CALENDAR_2026_2027 as CN } from '../_data/cn-calendar-2026-2027.js';
import { DEFAULT_POLICY } from '../_data/policies.js';
import { clocksFor } from '../clocksFor/index.js';
import { compileClock } from '../compileClock/index.js';
import { evaluateClock } from '../evaluateClock/index.js';
import { pauseClock } from '../pauseClock/index.js';
import { resumeClock } from '../resumeClock/index.js';
import { startClock } from '../startClock/index.js';
import type { BusinessCalendar } from '../types.js';
import { workingTimeBetween } from '../workingTimeBetween/index.js';
import { type CompiledEvaluation, evaluateCompiled } from './index.js';

const [arrival30, restoration240] = clocksFor(DEFAULT_POLICY, { type: 'fault_repair', zoneClass: 'urban' });
const complaint = clocksFor(DEFAULT_POLICY, { type: 'complaint', zoneClass: 'urban' })[1]!;
const t0 = Date.parse('2026-09-21T02:00:00Z');

describe('evaluateCompiled', () => {
  const clocks = [
    startClock(arrival30!, t0),
    resumeClock(
      pauseClock(startClock(restoration240!, t0), t0 + 3_600_000, 'customer_appointment'),
      t0 + 7_200_000,
    ),
    startClock(complaint, t0),
  ];

  it('agrees with evaluateClock', () => {
    for (const clock of clocks) {
      const compiled = compileClock(clock);
      for (let now = t0 - 600_000; now < t0 + 10 * 86_400_000; now += 997_000) {
        const fast = evaluateCompiled(compiled, now);
        const slow = evaluateClock(clock, now);
        expect({ ...slow, nextChangeAt: undefined }).toEqual({
          ...fast,
          nextChangeMs: undefined,
          nextChangeAt: undefined,
        });
        expect(slow.nextChangeAt).toBe(
          fast.nextChangeMs === null ? null : new Date(fast.nextChangeMs).toISOString(),
        );
      }
    }
  });

  it('business clocks weeks and months overdue keep counting working time on the calendar', () => {
    const calendar: BusinessCalendar = { ...CN }; // a fresh object: its working-time table starts empty
    const clock = startClock(complaint, t0, calendar);
    const compiled = compileClock(clock, undefined, calendar);
    // Grow the calendar's table backwards after compiling: the values the compiled clock stored stay valid.
    workingTimeBetween('2024-01-01T00:00:00Z', '2024-01-02T00:00:00Z', calendar);
    // Up to ~3 years later (far past the table's initial span, so it is extended forwards too).
    for (let now = t0; now < t0 + 1100 * 86_400_000; now += 86_400_000 * 3.7 + 1_234_567) {
      const r = evaluateCompiled(compiled, now);
      expect(r.remainingMs).toBe(clock.budgetMs - workingTimeBetween(t0, now, CN));
      expect(r.fractionUsed).toBe((clock.budgetMs - r.remainingMs) / clock.budgetMs);
    }
  });

  it('reuses the out object', () => {
    const out = {} as CompiledEvaluation;
    const compiled = compileClock(clocks[0]!);
    expect(evaluateCompiled(compiled, t0, out)).toBe(out);
    expect(out).toEqual({
      state: 'running',
      remainingMs: 1_800_000,
      fractionUsed: 0,
      nextChangeMs: t0 + 1_200_000,
    });
  });
});
