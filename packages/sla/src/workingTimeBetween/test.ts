import { describe, expect, it } from 'vitest';
import { CN_CALENDAR_2026_2027 as CN } from '../_data/cn-calendar-2026-2027.js';
import { workingTimeBetween } from './index.js';

const H = 3_600_000;

describe('workingTimeBetween', () => {
  it.each([
    ['2026-09-18T16:00:00+08:00', '2026-09-21T10:00:00+08:00', 9.5 * H, 'over a make-up Sunday'],
    ['2026-10-01T09:00:00+08:00', '2026-10-07T17:30:00+08:00', 0, 'National Day'],
    ['2026-09-21T12:00:00+08:00', '2026-09-21T13:30:00+08:00', 0, 'lunch'],
    ['2026-09-21T00:00:00+08:00', '2026-09-22T00:00:00+08:00', 7 * H, 'one working day'],
    ['2026-09-21T10:00:00+08:00', '2026-09-21T10:00:00+08:00', 0, 'empty'],
    ['2026-12-31T17:00:00+08:00', '2027-01-04T09:30:00+08:00', 1 * H, 'year end'],
  ])('%s → %s = %d (%s)', (a, b, expected) => {
    expect(workingTimeBetween(a, b, CN)).toBe(expected);
  });

  it('is negative when b is before a', () => {
    expect(workingTimeBetween('2026-09-21T10:00:00+08:00', '2026-09-21T09:00:00+08:00', CN)).toBe(-H);
  });
});
