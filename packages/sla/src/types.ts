/**
 * Shared types of `@gd/sla`. Everything stored (policies, calendars, clocks) is plain JSON: instants are
 * ISO-8601 strings with a zone designator (`2026-09-30T08:00:00.000Z`), durations are milliseconds.
 */

// The vocabulary (order types, sub-kinds, zone classes, priorities, clock kinds and states) has one home,
// @gd/domain; the SLA rules use it under the names they have always had.
export {
  CLOCK_KINDS,
  type ClockKind,
  PRIORITIES,
  type Priority,
  SERVICE_REQUEST_KINDS,
  type ServiceRequestKind,
  TICKET_TYPES as WORK_ORDER_TYPES,
  type TicketType as WorkOrderType,
  ZONE_CLASSES,
  type ZoneClass,
} from '@gd/domain';

import type {
  ClockKind,
  Priority,
  ServiceRequestKind,
  TicketType as WorkOrderType,
  ZoneClass,
} from '@gd/domain';

/** `wall`: elapsed time, 24 h a day. `business`: working time on a {@link BusinessCalendar}. */
export type ClockCalendar = 'wall' | 'business';
/** `each`: a cap on every order. `average`: a target for the average over orders (State Grid 2023, Southern Grid). */
export type JudgedOn = 'each' | 'average';
/** `accepted` (default): the clock starts when the order is accepted. `arrival`: when the crew arrives. */
export type StartsFrom = 'accepted' | 'arrival';

/**
 * One clock of a policy. Exactly one duration field is set. On a `business` clock `minutes` and `hours`
 * are working minutes / hours; `workingDays` / `workingHours` require `calendar: 'business'`.
 */
export interface ClockDefinition {
  kind: ClockKind;
  minutes?: number;
  hours?: number;
  workingDays?: number;
  workingHours?: number;
  calendar: ClockCalendar;
  startsFrom: StartsFrom;
  judgedOn: JudgedOn;
}

/**
 * A policy row. Omitted `zoneClass` / `priority` / `subKind` match any value. `subKind` only applies to
 * `service_request`.
 */
export interface PolicyRule {
  type: WorkOrderType;
  subKind?: ServiceRequestKind;
  zoneClass?: ZoneClass;
  priority?: Priority;
  clocks: ClockDefinition[];
}

export interface SlaPolicy {
  id: string;
  name?: string;
  description?: string;
  rules: PolicyRule[];
}

export interface ClockQuery {
  type: WorkOrderType;
  subKind?: ServiceRequestKind | null;
  zoneClass: ZoneClass;
  priority?: Priority | null;
}

/** A working interval of a day, local time `HH:MM` (`to` may be `24:00`). */
export interface WorkingInterval {
  from: string;
  to: string;
}

/**
 * A business calendar. Data, not code: replace the JSON to change holidays.
 * `weekendDays` uses JavaScript day numbers (0 = Sunday … 6 = Saturday).
 * Dates are local `YYYY-MM-DD` in `timeZone`.
 */
export interface BusinessCalendar {
  id?: string;
  timeZone: string;
  workingHours: WorkingInterval[];
  weekendDays: number[];
  holidays: string[];
  makeUpWorkdays: string[];
}

export { PAUSE_REASONS, type PauseReason } from '@gd/domain';

import type { PauseReason } from '@gd/domain';
/** Reason recorded on pauses created by {@link applyEmergency}. */
export type EmergencyReason = 'area_emergency';

export interface ClockPause {
  from: string;
  /** `null` while the pause is open. */
  to: string | null;
  reason: PauseReason | EmergencyReason;
}

export interface ClockExemption {
  reason: string;
  at: string;
}

/**
 * The stored form of a running or finished clock (JSON-serialisable).
 *
 * - `budgetMs`: wall milliseconds, or working milliseconds for a business clock.
 * - `rawDueAt`: the due time ignoring every pause (for "raw" reports).
 * - `dueAt`: the due time with the pauses (pushed out by the paused wall / working time);
 *   `null` while a pause is open (the clock cannot breach while paused).
 * - `breachedAt`: the due instant if the clock was breached as of the last transition
 *   (a retroactive emergency pause can clear it); {@link evaluateClock} is authoritative.
 */
export interface Clock {
  kind: ClockKind;
  calendar: ClockCalendar;
  judgedOn: JudgedOn;
  startedAt: string;
  budgetMs: number;
  rawDueAt: string;
  dueAt: string | null;
  pauses: ClockPause[];
  stoppedAt: string | null;
  exempt: ClockExemption | null;
  breachedAt: string | null;
}

export { CLOCK_STATES, type ClockState } from '@gd/domain';

/** Warning starts when `fractionUsed >= atFraction` or `remainingMs <= atRemainingMs`, whichever comes first. */
export interface WarningThresholds {
  atFraction: number;
  atRemainingMs: number;
}

/** An instant: a `Date`, epoch milliseconds, or an ISO-8601 string WITH a zone designator (`Z` or `±hh:mm`). */
export type Instant = Date | number | string;
