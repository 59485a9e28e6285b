import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../_data/policies.js';
import { clocksFor } from '../clocksFor/index.js';
import { pauseClock } from '../pauseClock/index.js';
import { startClock } from '../startClock/index.js';
import { compileClock } from './index.js';

const sh = (local: string) => Date.parse(`${local}+08:00`);
const [arrival30] = clocksFor(DEFAULT_POLICY, { type: 'fault_repair', zoneClass: 'urban' });

describe('compileClock', () => {
  const c = startClock(arrival30!, '2026-09-21T10:00:00+08:00');

  it('exposes the numeric instants', () => {
    const compiled = compileClock(c);
    expect(compiled).toMatchObject({
      kind: 'arrival',
      business: false,
      startMs: sh('2026-09-21T10:00'),
      budgetMs: 30 * 60_000,
      dueMs: sh('2026-09-21T10:30'),
      rawDueMs: sh('2026-09-21T10:30'),
      warnMs: sh('2026-09-21T10:20'),
      stopMs: Number.POSITIVE_INFINITY,
      exempt: false,
    });
  });

  it('bakes in the thresholds', () => {
    expect(compileClock(c, { atFraction: 0.5 }).warnMs).toBe(sh('2026-09-21T10:15'));
  });

  it('an open pause makes the due instant unknown', () => {
    const compiled = compileClock(pauseClock(c, '2026-09-21T10:10:00+08:00', 'customer_unreachable'));
    expect(compiled.dueMs).toBe(Number.POSITIVE_INFINITY);
    expect(compiled.warnMs).toBe(Number.POSITIVE_INFINITY);
  });
});
