/** The outbox's rules, pure (the clock is passed in): quiet hours, backoff, who can receive a text. */

const formats = new Map<string, Intl.DateTimeFormat>();

/** One formatter per time zone and style: building one costs far more than formatting with it. */
function formatter(locale: string, tz: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${tz}|${JSON.stringify(options)}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { ...options, timeZone: tz });
    formats.set(key, f);
  }
  return f;
}

const HOUR_MINUTE: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };

/** Minutes since local midnight of `at` in `tz`. */
function localMinutes(at: Date, tz: string): number {
  const parts = formatter('en-GB', tz, HOUR_MINUTE).formatToParts(at);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  return get('hour') * 60 + get('minute');
}

/**
 * When a routine message may go if it is due at `now`: `now` itself outside quiet hours, else the end of the
 * window ("22:00-07:00", local to `tz`, may wrap midnight; "off" = never quiet).
 *
 * @example sendableAt(new Date('2026-12-05T15:30:00Z'), '22:00-07:00', 'Asia/Shanghai') // 23:30 local → 07:00 next day
 */
export function sendableAt(now: Date, window: string, tz: string): Date {
  if (window === 'off') return now;
  const [start, end] = window.split('-').map((hm) => {
    const [h, m] = hm.split(':').map(Number);
    return h! * 60 + m!;
  }) as [number, number];
  if (start === end) return now;
  const m = localMinutes(now, tz);
  const inside = start < end ? m >= start && m < end : m >= start || m < end;
  if (!inside) return now;
  const wait = (end - m + 1440) % 1440;
  const at = new Date(now.getTime() + wait * 60_000);
  at.setUTCSeconds(0, 0);
  return at;
}

/** Delay before attempt `attempts + 1` after `attempts` failed: base, doubled each time, at most an hour. */
export function retryDelayMs(attempts: number, baseSeconds: number): number {
  return Math.min(baseSeconds * 1000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

/** Mainland mobile numbers (E.164) take texts; landlines do not. */
export function isMobile(phone: string): boolean {
  return /^\+861[3-9]\d{9}$/.test(phone);
}

const DATE_TIME: Intl.DateTimeFormatOptions = {
  month: 'numeric',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
};

/** A local date and time as customers read it: 12月5日 18:30. */
export function localDateTime(at: Date, tz: string): string {
  const p = formatter('zh-CN', tz, DATE_TIME).formatToParts(at);
  const get = (t: string) => p.find((x) => x.type === t)?.value ?? '';
  return `${get('month')}月${get('day')}日 ${get('hour')}:${get('minute')}`;
}

/** An outage's area as a message names it: its description, cut to fit a text. */
export function areaName(description: string): string {
  const d = description.trim().replace(/\s+/g, ' ');
  return d.length > 24 ? `${d.slice(0, 23)}…` : d || '您所在区域';
}

const DAY = 86_400_000;

/**
 * The fan-outs a published outage needs and when: a fault tells everyone inside at once; a planned one 7 days
 * ahead (when there is still time for it) and the day before (or now, if that is already past).
 */
export function outageReminders(
  o: { id: string; kind: string; startsAt: Date },
  now: Date,
): { outageId: string; kind: 'outage_fault' | 'outage_planned_7d' | 'outage_planned_1d'; runAt: Date }[] {
  const t = now.getTime();
  const starts = o.startsAt.getTime();
  if (o.kind === 'fault') return [{ outageId: o.id, kind: 'outage_fault', runAt: now }];
  return [
    ...(starts - 7 * DAY > t - DAY / 2
      ? [
          {
            outageId: o.id,
            kind: 'outage_planned_7d' as const,
            runAt: new Date(Math.max(t, starts - 7 * DAY)),
          },
        ]
      : []),
    ...(starts > t
      ? [{ outageId: o.id, kind: 'outage_planned_1d' as const, runAt: new Date(Math.max(t, starts - DAY)) }]
      : []),
  ];
}
