import { z } from 'zod';
import { parseHm } from '../_lib/calendarEngine.js';
import { CalendarError } from '../_lib/errors.js';
import { formatIssue } from '../_lib/formatIssues.js';
import { assertTimeZone } from '../assertTimeZone/index.js';
import type { BusinessCalendar } from '../types.js';

const hm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, { error: 'must be HH:MM (00:00–24:00)' });

function isRealDate(value: string): boolean {
  const ms = Date.parse(`${value}T00:00:00Z`);
  return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 10) === value;
}

const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be YYYY-MM-DD' })
  .refine(isRealDate, { error: (iss) => `not a calendar date "${String(iss.input)}"` });

const schema = z
  .object({
    id: z.string().min(1).optional(),
    timeZone: z.string().refine(
      (tz) => {
        try {
          assertTimeZone(tz);
          return true;
        } catch {
          return false;
        }
      },
      { error: (iss) => `unknown time zone "${String(iss.input)}"` },
    ),
    workingHours: z
      .array(
        z
          .object({ from: hm, to: hm })
          .strict()
          .refine((w) => parseHm(w.to) > parseHm(w.from), { error: '"to" must be after "from"' }),
      )
      .min(1, { error: 'at least one working interval is required' })
      .default([
        { from: '09:00', to: '12:00' },
        { from: '13:30', to: '17:30' },
      ]),
    weekendDays: z
      .array(z.number().int().min(0).max(6, { error: 'must be 0 (Sunday) … 6 (Saturday)' }))
      .default([0, 6]),
    holidays: z.array(date).default([]),
    makeUpWorkdays: z.array(date).default([]),
  })
  .strict()
  .superRefine((cal, ctx) => {
    const sorted = cal.workingHours
      .map((w, i) => ({ from: parseHm(w.from), to: parseHm(w.to), i }))
      .sort((a, b) => a.from - b.from);
    for (let k = 1; k < sorted.length; k++) {
      if (sorted[k]!.from < sorted[k - 1]!.to) {
        ctx.addIssue({
          code: 'custom',
          path: ['workingHours', sorted[k]!.i],
          message: `overlaps workingHours[${sorted[k - 1]!.i}]`,
        });
      }
    }
    const holidays = new Set(cal.holidays);
    cal.makeUpWorkdays.forEach((d, i) => {
      if (holidays.has(d)) {
        ctx.addIssue({
          code: 'custom',
          path: ['makeUpWorkdays', i],
          message: `${d} is also listed as a holiday`,
        });
      }
    });
  });

/**
 * Validates a business calendar (e.g. parsed from a JSON file) and fills the defaults: working hours
 * 09:00–12:00 and 13:30–17:30, weekend Saturday and Sunday, no holidays. Throws a {@link CalendarError}
 * naming every offending entry.
 *
 * @example
 * parseCalendar({ timeZone: 'Asia/Shanghai', holidays: ['2026-10-01'], makeUpWorkdays: ['2026-09-20'] });
 * //=> { timeZone: 'Asia/Shanghai', workingHours: [{from:'09:00',to:'12:00'},{from:'13:30',to:'17:30'}],
 * //     weekendDays: [0, 6], holidays: ['2026-10-01'], makeUpWorkdays: ['2026-09-20'] }
 * parseCalendar({ timeZone: 'Asia/Beijing' });
 * // throws CalendarError: timeZone: unknown time zone "Asia/Beijing"
 * parseCalendar({ timeZone: 'UTC', holidays: ['2026-02-30'] });
 * // throws CalendarError: holidays[0]: not a calendar date "2026-02-30"
 */
export function parseCalendar(json: unknown): BusinessCalendar {
  const result = schema.safeParse(json);
  if (!result.success) throw new CalendarError(result.error.issues.map(formatIssue));
  const { id, ...rest } = result.data;
  return id === undefined ? rest : { id, ...rest };
}
