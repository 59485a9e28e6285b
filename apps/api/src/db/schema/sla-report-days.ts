import { date, doublePrecision, index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { at } from './_columns.js';

/**
 * The SLA report's daily roll-up (reports/sla-report-rollup.service.ts): per UTC day of order creation, order type,
 * clock kind, zone class, district and crew, the report's counts and sums, and every clock's minutes for the p90.
 * A 30-day report reads these rows for the days that are settled and `sla_clocks` only for the rest. Written only by
 * the roll-up; a trigger on `sla_clocks` deletes a day's rows and its `sla_report_frozen` mark whenever a clock of
 * that day changes (migration 0023), so the report then reads that day's clocks again.
 */
export const slaReportDays = pgTable(
  'sla_report_days',
  {
    day: date({ mode: 'string' }).notNull(),
    orderType: text(),
    kind: text().notNull(),
    zoneClass: text(),
    district: text(),
    crewId: uuid(),
    clocks: integer().notNull(),
    judged: integer().notNull(),
    met: integer().notNull(),
    rawJudged: integer().notNull(),
    rawMet: integer().notNull(),
    breached: integer().notNull(),
    exempt: integer().notNull(),
    /** Wall minutes from start to stop, summed over the stopped clocks (`minutesCount` of them). */
    minutesSum: doublePrecision().notNull(),
    minutesCount: integer().notNull(),
    /** Minutes less the paused time, over the judged clocks that stopped. */
    adjustedSum: doublePrecision().notNull(),
    adjustedCount: integer().notNull(),
    /** Each stopped clock's wall minutes, for the exact p90 of any range of days. */
    minutes: doublePrecision().array().notNull(),
  },
  (t) => [index('sla_report_days_day').on(t.day, t.orderType)],
);

/** The days rolled up: a day here has its rows in `sla_report_days` (none if it had no clock). */
export const slaReportFrozen = pgTable(
  'sla_report_frozen',
  {
    day: date({ mode: 'string' }).notNull(),
    builtAt: at().notNull(),
  },
  (t) => [primaryKey({ columns: [t.day] })],
);
