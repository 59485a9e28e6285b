import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CN_CALENDAR_2026_2027 as CN } from '../_data/cn-calendar-2026-2027.js';
import { compileCalendar, ensureTimeline, walkWorkingMs, workingCumAt } from '../_lib/calendarEngine.js';
import type { BusinessCalendar } from '../types.js';
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

describe('workingTimeBetween — cumulative table agrees with walking the days', () => {
  const NY: BusinessCalendar = {
    timeZone: 'America/New_York', // DST changes inside working weeks
    workingHours: [
      { from: '09:00', to: '12:00' },
      { from: '13:30', to: '17:30' },
    ],
    weekendDays: [0, 6],
    holidays: ['2026-11-26'],
    makeUpWorkdays: [],
  };
  const lo = Date.parse('2019-01-01T00:00:00Z');
  const hi = Date.parse('2032-12-31T00:00:00Z');
  const instant = fc.integer({ min: lo, max: hi });

  it.each([
    ['CN', CN],
    ['New York', NY],
  ])('%s: any span, queried in any order (the table grows both ways)', (_name, source) => {
    const calendar: BusinessCalendar = { ...source }; // a fresh object: its table starts empty
    const cal = compileCalendar(calendar);
    fc.assert(
      fc.property(instant, instant, (a, b) => {
        const expected = a <= b ? walkWorkingMs(cal, a, b) : -walkWorkingMs(cal, b, a);
        expect(workingTimeBetween(a, b, calendar)).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('extending the table keeps its origin (values handed out earlier stay valid)', () => {
    const calendar: BusinessCalendar = { ...CN };
    const cal = compileCalendar(calendar);
    const t = Date.parse('2026-10-12T08:00:00Z');
    expect(ensureTimeline(cal, t, t)).toBe(true);
    const before = workingCumAt(cal.timeline!, t);
    workingTimeBetween('2021-03-01T00:00:00Z', '2031-03-01T00:00:00Z', calendar); // grows both ways
    expect(cal.timeline!.coverFromMs).toBeLessThan(Date.parse('2021-03-01T00:00:00Z'));
    expect(workingCumAt(cal.timeline!, t)).toBe(before);
  });

  it('spans beyond the table limit fall back to walking the days', () => {
    const calendar: BusinessCalendar = { ...CN };
    const [a, b] = [Date.parse('1965-01-04T00:00:00Z'), Date.parse('2030-01-02T00:00:00Z')];
    expect(workingTimeBetween(a, b, calendar)).toBe(walkWorkingMs(compileCalendar(CN), a, b));
    expect(compileCalendar(calendar).timeline).toBeNull();
  });
});
