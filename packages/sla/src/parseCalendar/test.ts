import { describe, expect, it } from 'vitest';
import { CN_CALENDAR_2026_2027 } from '../_data/cn-calendar-2026-2027.js';
import { CalendarError } from '../_lib/errors.js';
import { parseCalendar } from './index.js';

describe('parseCalendar', () => {
  it('accepts the shipped national calendar unchanged', () => {
    expect(parseCalendar(JSON.parse(JSON.stringify(CN_CALENDAR_2026_2027)))).toEqual(CN_CALENDAR_2026_2027);
  });

  it('fills defaults', () => {
    expect(parseCalendar({ timeZone: 'Asia/Shanghai' })).toEqual({
      timeZone: 'Asia/Shanghai',
      workingHours: [
        { from: '09:00', to: '12:00' },
        { from: '13:30', to: '17:30' },
      ],
      weekendDays: [0, 6],
      holidays: [],
      makeUpWorkdays: [],
    });
  });

  it.each([
    [{ timeZone: 'Asia/Beijing' }, 'timeZone: unknown time zone "Asia/Beijing"'],
    [{ timeZone: 'UTC', holidays: ['2026-02-30'] }, 'holidays[0]: not a calendar date "2026-02-30"'],
    [{ timeZone: 'UTC', holidays: ['2026/10/01'] }, 'holidays[0]: must be YYYY-MM-DD'],
    [
      { timeZone: 'UTC', workingHours: [{ from: '9:00', to: '12:00' }] },
      'workingHours[0].from: must be HH:MM',
    ],
    [
      { timeZone: 'UTC', workingHours: [{ from: '13:00', to: '12:00' }] },
      'workingHours[0]: "to" must be after',
    ],
    [
      {
        timeZone: 'UTC',
        workingHours: [
          { from: '09:00', to: '12:00' },
          { from: '11:00', to: '13:00' },
        ],
      },
      'workingHours[1]: overlaps workingHours[0]',
    ],
    [{ timeZone: 'UTC', workingHours: [] }, 'workingHours: at least one'],
    [{ timeZone: 'UTC', weekendDays: [7] }, 'weekendDays[0]: must be 0 (Sunday)'],
    [
      { timeZone: 'UTC', holidays: ['2026-10-01'], makeUpWorkdays: ['2026-10-01'] },
      'makeUpWorkdays[0]: 2026-10-01 is also listed as a holiday',
    ],
  ])('rejects %j', (json, message) => {
    expect(() => parseCalendar(json)).toThrow(CalendarError);
    expect(() => parseCalendar(json)).toThrow(message);
  });

  it('rejects a non-object', () => {
    expect(() => parseCalendar('nope')).toThrow(CalendarError);
  });
});
