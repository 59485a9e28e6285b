import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CN_CALENDAR_2026_2027 as CN } from '../_data/cn-calendar-2026-2027.js';
import type { BusinessCalendar } from '../types.js';
import { workingTimeBetween } from '../workingTimeBetween/index.js';
import { addWorkingTime, type WorkingDuration } from './index.js';

const iso = (d: Date) => d.toISOString();
const H = 3_600_000;

const NY: BusinessCalendar = {
  timeZone: 'America/New_York',
  workingHours: [
    { from: '09:00', to: '12:00' },
    { from: '13:30', to: '17:30' },
  ],
  weekendDays: [0, 6],
  holidays: [],
  makeUpWorkdays: [],
};

describe('addWorkingTime (CN calendar, Asia/Shanghai)', () => {
  it.each([
    // [start (local +08:00), duration, expected (local +08:00), why]
    ['2026-09-01T10:00:00+08:00', { days: 4 }, '2026-09-07T10:00:00+08:00', 'Tue 10:00 + 4 days = Mon 10:00'],
    ['2026-09-14T09:00:00+08:00', { days: 4 }, '2026-09-17T17:30:00+08:00', 'a full-day start ends at 17:30'],
    ['2026-09-30T16:00:00+08:00', { days: 4 }, '2026-10-12T16:00:00+08:00', 'holiday eve, Oct 10 make-up'],
    ['2026-09-18T10:00:00+08:00', { days: 4 }, '2026-09-23T10:00:00+08:00', 'make-up Sunday Sep 20 counts'],
    [
      '2026-09-18T18:00:00+08:00',
      { hours: 1 },
      '2026-09-20T10:00:00+08:00',
      'Friday evening → make-up Sunday',
    ],
    [
      '2026-09-19T03:00:00+08:00',
      { days: 1 },
      '2026-09-20T17:30:00+08:00',
      'Saturday night → make-up Sunday',
    ],
    ['2026-09-21T12:30:00+08:00', { hours: 1 }, '2026-09-21T14:30:00+08:00', 'lunch break'],
    ['2026-09-21T11:30:00+08:00', { hours: 1 }, '2026-09-21T14:00:00+08:00', 'across lunch'],
    [
      '2026-09-21T11:00:00+08:00',
      { hours: 1 },
      '2026-09-21T12:00:00+08:00',
      'ends on a boundary: earlier instant',
    ],
    ['2026-09-21T23:59:00+08:00', { minutes: 1 }, '2026-09-22T09:01:00+08:00', 'just before midnight'],
    ['2026-09-22T00:00:00+08:00', { minutes: 1 }, '2026-09-22T09:01:00+08:00', 'midnight'],
    ['2026-09-24T17:00:00+08:00', { hours: 1 }, '2026-09-28T09:30:00+08:00', 'Mid-Autumn Fri–Sun'],
    ['2026-12-31T17:00:00+08:00', { days: 1 }, '2027-01-04T17:00:00+08:00', 'year end, New Year 2027'],
    ['2026-01-30T15:00:00+08:00', { days: 1 }, '2026-02-02T15:00:00+08:00', 'month end over a weekend'],
    [
      '2026-02-13T17:00:00+08:00',
      { days: 1 },
      '2026-02-14T17:00:00+08:00',
      'Spring Festival make-up Saturday',
    ],
    ['2026-02-14T17:00:00+08:00', { hours: 1 }, '2026-02-24T09:30:00+08:00', 'Spring Festival Feb 15–23'],
    ['2026-09-21T10:00:00+08:00', 0, '2026-09-21T10:00:00+08:00', '0 inside hours'],
    ['2026-09-21T07:00:00+08:00', 0, '2026-09-21T09:00:00+08:00', '0 before hours → next start'],
  ] as [string, WorkingDuration, string, string][])('%s + %j = %s (%s)', (start, duration, expected) => {
    expect(iso(addWorkingTime(start, duration, CN))).toBe(iso(new Date(expected)));
  });

  it('accepts a Date and epoch ms', () => {
    const start = new Date('2026-09-01T02:00:00Z');
    expect(iso(addWorkingTime(start, 4 * 7 * H, CN))).toBe('2026-09-07T02:00:00.000Z');
    expect(iso(addWorkingTime(start.getTime(), { days: 4 }, CN))).toBe('2026-09-07T02:00:00.000Z');
  });

  it('is inverted by workingTimeBetween (property)', () => {
    const from = Date.parse('2026-01-01T00:00:00Z');
    const to = Date.parse('2027-12-01T00:00:00Z');
    fc.assert(
      fc.property(
        fc.integer({ min: from, max: to }),
        fc.integer({ min: 1, max: 40 * 7 * 60 }),
        (start, minutes) => {
          const due = addWorkingTime(start, { minutes }, CN);
          expect(due.getTime()).toBeGreaterThanOrEqual(start);
          expect(workingTimeBetween(start, due, CN)).toBe(minutes * 60_000);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('is monotonic in the duration (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2027-12-01T00:00:00Z') }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        (start, a, b) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          expect(addWorkingTime(start, { minutes: lo }, CN).getTime()).toBeLessThanOrEqual(
            addWorkingTime(start, { minutes: hi }, CN).getTime(),
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('addWorkingTime across DST (America/New_York)', () => {
  it('spring forward 2026-03-08: Friday 16:00 + 1 day = Monday 16:00 EDT', () => {
    // Fri 2026-03-06 16:00 EST = 21:00Z; Mon 2026-03-09 16:00 EDT = 20:00Z.
    expect(iso(addWorkingTime('2026-03-06T16:00:00-05:00', { days: 1 }, NY))).toBe(
      '2026-03-09T20:00:00.000Z',
    );
  });

  it('fall back 2026-11-01: Friday 16:00 EDT + 1 day = Monday 16:00 EST', () => {
    expect(iso(addWorkingTime('2026-10-30T16:00:00-04:00', { days: 1 }, NY))).toBe(
      '2026-11-02T21:00:00.000Z',
    );
  });

  it('working hours on the change days are 7 h', () => {
    const monEdt = '2026-03-09T09:00:00-04:00';
    expect(workingTimeBetween(monEdt, '2026-03-09T17:30:00-04:00', NY)).toBe(7 * H);
    expect(workingTimeBetween('2026-11-02T09:00:00-05:00', '2026-11-02T17:30:00-05:00', NY)).toBe(7 * H);
  });

  it('a 24-hour working calendar sees the 23-hour and 25-hour days', () => {
    const allDay: BusinessCalendar = {
      ...NY,
      workingHours: [{ from: '00:00', to: '24:00' }],
      weekendDays: [],
    };
    expect(workingTimeBetween('2026-03-08T00:00:00-05:00', '2026-03-09T00:00:00-04:00', allDay)).toBe(23 * H);
    expect(workingTimeBetween('2026-11-01T00:00:00-04:00', '2026-11-02T00:00:00-05:00', allDay)).toBe(25 * H);
  });
});
