import { describe, expect, it } from 'vitest';
import { formatDateTime, formatDuration, fromDateTimeLocal, toDateTimeLocal } from './time.js';

describe('formatDuration', () => {
  it('formats countdowns', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(65_000)).toBe('1:05');
    expect(formatDuration(3_725_000)).toBe('1:02:05');
    expect(formatDuration(-3_725_000)).toBe('-1:02:05');
    expect(formatDuration(2 * 86_400_000 + 3 * 3_600_000 + 4 * 60_000)).toBe('2d 03:04');
    expect(formatDuration(Number.NaN)).toBe('–');
    // Chinese reads days, hours and minutes in words; under a day the clock digits are the same in both.
    expect(formatDuration(5 * 86_400_000 + 22 * 3_600_000 + 55 * 60_000, 'zh-CN')).toBe('5天22小时55分');
    expect(formatDuration(-(86_400_000 + 60_000), 'zh-CN')).toBe('-1天0小时1分');
    expect(formatDuration(3_725_000, 'zh-CN')).toBe('1:02:05');
  });
});

describe('formatDateTime', () => {
  it('formats in the business time zone, not the machine one', () => {
    expect(formatDateTime('2026-11-22T02:05:00Z', 'Asia/Shanghai')).toBe('2026-11-22 10:05');
    expect(formatDateTime('2026-11-22T17:05:09Z', 'Asia/Shanghai', true)).toBe('2026-11-23 01:05:09');
    expect(formatDateTime(null)).toBe('–');
    expect(formatDateTime('nonsense')).toBe('–');
  });
});

describe('datetime-local inputs in the business time zone', () => {
  it('reads a wall time as Beijing time whatever the browser’s zone, and writes it back', () => {
    expect(fromDateTimeLocal('2026-11-22T10:05', 'Asia/Shanghai')).toBe('2026-11-22T02:05:00.000Z');
    expect(fromDateTimeLocal('2026-11-22T10:05', 'Europe/London')).toBe('2026-11-22T10:05:00.000Z');
    expect(toDateTimeLocal('2026-11-22T02:05:00.000Z', 'Asia/Shanghai')).toBe('2026-11-22T10:05');
    expect(fromDateTimeLocal('', 'Asia/Shanghai')).toBeNull();
    expect(fromDateTimeLocal('2026-11-22 10:05', 'Asia/Shanghai')).toBeNull();
  });
});
