/** Thrown by {@link parsePolicy}; `issues` lists every problem as `path: message`. */
export class PolicyError extends Error {
  override readonly name = 'PolicyError';
  constructor(readonly issues: string[]) {
    super(issues.join('; '));
  }
}

/** Thrown by {@link parseCalendar}; `issues` lists every problem as `path: message`. */
export class CalendarError extends Error {
  override readonly name = 'CalendarError';
  constructor(readonly issues: string[]) {
    super(issues.join('; '));
  }
}

/** Thrown by {@link assertTimeZone} for a zone the runtime does not know. */
export class TimeZoneError extends Error {
  override readonly name = 'TimeZoneError';
  constructor(readonly timeZone: string) {
    super(`unknown time zone "${timeZone}"`);
  }
}

export type ClockTransitionCode =
  | 'already_paused'
  | 'not_paused'
  | 'stopped'
  | 'exempt'
  | 'before_start'
  | 'out_of_order'
  | 'invalid_window';

/** An illegal clock transition (pause a paused / stopped clock, resume a running one …). The API maps it to 409. */
export class ClockTransitionError extends Error {
  override readonly name = 'ClockTransitionError';
  constructor(
    readonly code: ClockTransitionCode,
    message: string,
  ) {
    super(message);
  }
}
