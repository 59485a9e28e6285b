import { describe, expect, it } from 'vitest';
import { CN_CALENDAR_2026_2027 as CN } from '../_data/cn-calendar-2026-2027.js';
import { isWorkingDay } from './index.js';

describe('isWorkingDay', () => {
  it.each([
    ['2026-09-18', true], // Friday
    ['2026-09-19', false], // Saturday
    ['2026-09-20', true], // Sunday, make-up working day for National Day
    ['2026-09-25', false], // Mid-Autumn (Friday)
    ['2026-09-30', true], // holiday eve
    ['2026-10-01', false],
    ['2026-10-07', false],
    ['2026-10-08', true],
    ['2026-10-10', true], // Saturday, make-up
    ['2026-01-04', true], // Sunday, make-up for New Year
    ['2026-02-14', true], // Saturday, make-up for Spring Festival
    ['2026-02-23', false], // Monday, Spring Festival
    ['2026-12-31', true],
    ['2027-01-01', false],
  ])('%s → %s', (date, expected) => {
    expect(isWorkingDay(date, CN)).toBe(expected);
  });

  it('takes the local date of an instant in the calendar zone', () => {
    // 2026-09-30T16:00Z is 2026-10-01 00:00 in Shanghai.
    expect(isWorkingDay('2026-09-30T15:59:59.999Z', CN)).toBe(true);
    expect(isWorkingDay('2026-09-30T16:00:00.000Z', CN)).toBe(false);
    expect(isWorkingDay(new Date('2026-09-30T16:00:00.000Z'), CN)).toBe(false);
    expect(isWorkingDay(Date.parse('2026-09-30T16:00:00.000Z'), CN)).toBe(false);
  });

  it('honours another zone and weekend', () => {
    const ny = {
      timeZone: 'America/New_York',
      workingHours: [],
      weekendDays: [5, 6],
      holidays: [],
      makeUpWorkdays: [],
    };
    // 2026-03-13T02:00Z is Thursday 22:00 in New York.
    expect(isWorkingDay('2026-03-13T02:00:00Z', ny)).toBe(true);
    expect(isWorkingDay('2026-03-13T05:00:00Z', ny)).toBe(false); // Friday 01:00
  });

  it('rejects a zone-less date-time', () => {
    expect(() => isWorkingDay('2026-09-30T16:00', CN)).toThrow(RangeError);
  });
});
