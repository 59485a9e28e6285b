import { TZDate } from '@date-fns/tz';
import { useEffect, useState } from 'react';

/** The current time in epoch ms, re-rendering every `intervalMs` (for countdowns). */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs]);
  return now;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A duration as a countdown: `m:ss` under an hour, `h:mm:ss` under a day, beyond a day `Nd hh:mm` in English and
 * `N天H小时M分` in Chinese; negative durations get a leading minus.
 * @example formatDuration(65_000) //=> '1:05'; formatDuration(-3_725_000) //=> '-1:02:05'
 * @example formatDuration(5 * 86_400_000 + 82_500_000, 'zh-CN') //=> '5天22小时55分'
 */
export function formatDuration(ms: number, lang = 'en'): string {
  if (!Number.isFinite(ms)) return '–';
  const sign = ms < 0 ? '-' : '';
  const total = Math.floor(Math.abs(ms) / 1000);
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  if (days > 0 && lang.startsWith('zh')) return `${sign}${days}天${hours}小时${minutes}分`;
  if (days > 0) return `${sign}${days}d ${pad(hours)}:${pad(minutes)}`;
  if (hours > 0) return `${sign}${hours}:${pad(minutes)}:${pad(seconds)}`;
  return `${sign}${minutes}:${pad(seconds)}`;
}

/**
 * `yyyy-MM-dd HH:mm` of an instant in the business time zone (not the browser's).
 * @example formatDateTime('2026-11-22T02:05:00Z', 'Asia/Shanghai') //=> '2026-11-22 10:05'
 */
export function formatDateTime(
  iso: string | null | undefined,
  tz = 'Asia/Shanghai',
  withSeconds = false,
): string {
  if (!iso) return '–';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '–';
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: tz,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: withSeconds ? '2-digit' : undefined,
    hourCycle: 'h23',
  }).formatToParts(d);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const time = `${get('hour')}:${get('minute')}${withSeconds ? `:${get('second')}` : ''}`;
  return `${get('year')}-${get('month')}-${get('day')} ${time}`;
}

/** An instant as a `datetime-local` input shows it (`yyyy-MM-ddTHH:mm`), in the business time zone. */
export function toDateTimeLocal(iso: string, tz = 'Asia/Shanghai'): string {
  return formatDateTime(iso, tz).replace(' ', 'T');
}

/**
 * A `datetime-local` input's wall time read in the business time zone (not the browser's), as an ISO instant; null
 * for an empty or malformed value.
 * @example fromDateTimeLocal('2026-11-22T10:05', 'Asia/Shanghai') //=> '2026-11-22T02:05:00.000Z'
 */
export function fromDateTimeLocal(value: string, tz = 'Asia/Shanghai'): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  const instant = new TZDate(y, mo - 1, d, h, mi, tz);
  return Number.isNaN(instant.getTime()) ? null : new Date(instant.getTime()).toISOString();
}
