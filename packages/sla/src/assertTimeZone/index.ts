import { tzOffset } from '@date-fns/tz';
import { TimeZoneError } from '../_lib/errors.js';

/**
 * Throws a {@link TimeZoneError} unless `timeZone` is an IANA zone (or a `±hh:mm` offset) the runtime knows.
 *
 * @example
 * assertTimeZone('Asia/Shanghai'); // ok
 * assertTimeZone('America/New_York'); // ok
 * assertTimeZone('Asia/Beijing'); // throws TimeZoneError: unknown time zone "Asia/Beijing"
 */
export function assertTimeZone(timeZone: string): void {
  if (typeof timeZone !== 'string' || timeZone === '' || Number.isNaN(tzOffset(timeZone, new Date(0)))) {
    throw new TimeZoneError(String(timeZone));
  }
}
