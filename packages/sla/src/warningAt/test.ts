import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../_data/policies.js';
import { clocksFor } from '../clocksFor/index.js';
import { exemptClock } from '../exemptClock/index.js';
import { pauseClock } from '../pauseClock/index.js';
import { resumeClock } from '../resumeClock/index.js';
import { startClock } from '../startClock/index.js';
import { stopClock } from '../stopClock/index.js';
import { warningAt } from './index.js';

const sh = (local: string) => new Date(`${local}+08:00`).toISOString();
const [arrival30, restoration240] = clocksFor(DEFAULT_POLICY, { type: 'fault_repair', zoneClass: 'urban' });
const complaint = clocksFor(DEFAULT_POLICY, { type: 'complaint', zoneClass: 'urban' })[1]!;

describe('warningAt', () => {
  it.each([
    [arrival30!, '2026-09-21T10:00', '2026-09-21T10:20'], // 10 min left comes first
    [restoration240!, '2026-09-21T08:00', '2026-09-21T11:12'], // 80 % comes first
    [complaint, '2026-09-21T10:00', '2026-09-24T11:24'], // 80 % of 28 working h = 22.4 h
  ] as const)('case %#: started %s → %s', (def, start, expected) => {
    expect(warningAt(startClock(def, sh(start)))).toBe(sh(expected));
  });

  it('moves with pauses', () => {
    const c = startClock(arrival30!, sh('2026-09-21T10:00'));
    const p = resumeClock(
      pauseClock(c, sh('2026-09-21T10:05'), 'customer_unreachable'),
      sh('2026-09-21T10:15'),
    );
    expect(warningAt(p)).toBe(sh('2026-09-21T10:30'));
  });

  it('null when paused, exempt or stopped before it', () => {
    const c = startClock(arrival30!, sh('2026-09-21T10:00'));
    expect(warningAt(pauseClock(c, sh('2026-09-21T10:05'), 'customer_unreachable'))).toBeNull();
    expect(warningAt(exemptClock(c, 'flood', sh('2026-09-21T10:05')))).toBeNull();
    expect(warningAt(stopClock(c, sh('2026-09-21T10:05')))).toBeNull();
    expect(warningAt(stopClock(c, sh('2026-09-21T10:25')))).toBe(sh('2026-09-21T10:20'));
  });
});
