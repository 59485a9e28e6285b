import { describe, expect, it } from 'vitest';
import { TimeZoneError } from '../_lib/errors.js';
import { assertTimeZone } from './index.js';

describe('assertTimeZone', () => {
  it.each(['Asia/Shanghai', 'America/New_York', 'Pacific/Chatham', 'UTC', '+08:00'])('accepts %s', (tz) => {
    expect(() => assertTimeZone(tz)).not.toThrow();
  });

  it.each(['Asia/Beijing', 'Mars/Olympus', ''])('rejects %j', (tz) => {
    expect(() => assertTimeZone(tz)).toThrow(TimeZoneError);
  });

  it('names the zone in the message', () => {
    expect(() => assertTimeZone('Asia/Beijing')).toThrow('unknown time zone "Asia/Beijing"');
  });
});
