export { CN_CALENDAR_2026_2027 } from './_data/cn-calendar-2026-2027.js';
export {
  CHINA_SOUTHERN_GRID_POLICY,
  DEFAULT_POLICY,
  PRESET_POLICIES,
  STATE_GRID_2023_POLICY,
} from './_data/policies.js';
export { DEFAULT_THRESHOLDS } from './_lib/clockCore.js';
export {
  CalendarError,
  type ClockTransitionCode,
  ClockTransitionError,
  PolicyError,
  TimeZoneError,
} from './_lib/errors.js';
export { addWorkingTime, type WorkingDuration } from './addWorkingTime/index.js';
export { applyEmergency, type EmergencyWindow } from './applyEmergency/index.js';
export { assertTimeZone } from './assertTimeZone/index.js';
export { type ClockOutcome, clockOutcome } from './clockOutcome/index.js';
export { clocksFor } from './clocksFor/index.js';
export { type CompiledClock, compileClock } from './compileClock/index.js';
export { type ComplianceOptions, type ComplianceRow, compliance } from './compliance/index.js';
export { endEmergency } from './endEmergency/index.js';
export { type ClockEvaluation, evaluateClock } from './evaluateClock/index.js';
export { type CompiledEvaluation, evaluateCompiled } from './evaluateCompiled/index.js';
export { exemptClock } from './exemptClock/index.js';
export { isWorkingDay } from './isWorkingDay/index.js';
export { parseCalendar } from './parseCalendar/index.js';
export { parsePolicy } from './parsePolicy/index.js';
export { pauseClock } from './pauseClock/index.js';
export { pauseNeedsApproval } from './pauseNeedsApproval/index.js';
export { resumeClock } from './resumeClock/index.js';
export { startClock } from './startClock/index.js';
export { stopClock } from './stopClock/index.js';
export * from './types.js';
export { warningAt } from './warningAt/index.js';
export { workingTimeBetween } from './workingTimeBetween/index.js';
