import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, STATE_GRID_2023_POLICY } from '../_data/policies.js';
import { clocksFor } from '../clocksFor/index.js';
import type { BusinessCalendar, ClockDefinition, ZoneClass } from '../types.js';
import { startClock } from './index.js';

/** Shanghai local time → ISO UTC. */
const sh = (local: string) => new Date(`${local}+08:00`).toISOString();
const def = (q: Parameters<typeof clocksFor>[1], kind: string): ClockDefinition => {
  const d = clocksFor(DEFAULT_POLICY, q).find((c) => c.kind === kind);
  if (!d) throw new Error(`no ${kind} clock`);
  return d;
};
const H = 3_600_000;

describe('startClock — the six repair targets of the default policy', () => {
  it.each([
    ['urban', 'arrival', '2026-09-21T23:50', 30 * 60_000, '2026-09-22T00:20'],
    ['rural', 'arrival', '2026-09-21T23:50', 60 * 60_000, '2026-09-22T00:50'],
    ['remote', 'arrival', '2026-09-21T23:50', 90 * 60_000, '2026-09-22T01:20'],
    ['urban', 'restoration', '2026-09-21T23:50', 4 * H, '2026-09-22T03:50'],
    ['rural', 'restoration', '2026-09-21T23:50', 6 * H, '2026-09-22T05:50'],
    ['remote', 'restoration', '2026-09-21T23:50', 6 * H, '2026-09-22T05:50'],
  ] as [ZoneClass, string, string, number, string][])(
    'fault_repair %s %s from %s: %d ms → %s (over midnight)',
    (zoneClass, kind, start, budgetMs, due) => {
      const clock = startClock(def({ type: 'fault_repair', zoneClass }, kind), sh(start));
      expect(clock).toEqual({
        kind,
        calendar: 'wall',
        judgedOn: 'each',
        startedAt: sh(start),
        budgetMs,
        rawDueAt: sh(due),
        dueAt: sh(due),
        pauses: [],
        stoppedAt: null,
        exempt: null,
        breachedAt: null,
      });
    },
  );
});

describe('startClock — every default clock, accepted Tue 2026-09-01 10:00 Shanghai', () => {
  it.each([
    ['complaint', undefined, 'response', '2026-09-02T10:00'],
    ['complaint', undefined, 'resolution', '2026-09-07T10:00'],
    ['report', undefined, 'response', '2026-09-02T10:00'],
    ['report', undefined, 'resolution', '2026-09-14T10:00'],
    ['reconnection', undefined, 'resolution', '2026-09-02T10:00'],
    ['reconnection', undefined, 'response', '2026-09-02T10:00'],
    ['service_request', 'appliance_damage', 'arrival', '2026-09-02T10:00'],
    ['service_request', 'meter_fault', 'resolution', '2026-09-07T10:00'],
    ['service_request', 'meter_reading_anomaly', 'resolution', '2026-09-09T10:00'],
    ['service_request', 'other', 'resolution', '2026-09-08T10:00'],
    ['service_request', undefined, 'resolution', '2026-09-08T10:00'],
    ['billing_dispute', undefined, 'resolution', '2026-09-08T10:00'],
    ['opinion', undefined, 'resolution', '2026-09-08T10:00'],
    ['inquiry', undefined, 'resolution', '2026-09-02T10:00'],
  ] as const)('%s %s %s → %s', (type, subKind, kind, due) => {
    for (const zoneClass of ['urban', 'rural', 'remote'] as const) {
      const clock = startClock(def({ type, subKind, zoneClass }, kind), sh('2026-09-01T10:00'));
      expect(clock.dueAt).toBe(sh(due));
    }
  });
});

describe('startClock — calendar edge cases', () => {
  const complaint = (kind: string) => def({ type: 'complaint', zoneClass: 'urban' }, kind);

  it('holiday eve: complaint accepted 2026-09-30 16:00', () => {
    expect(startClock(complaint('response'), sh('2026-09-30T16:00')).dueAt).toBe(sh('2026-10-01T16:00'));
    const resolution = startClock(complaint('resolution'), sh('2026-09-30T16:00'));
    expect(resolution.budgetMs).toBe(4 * 7 * H);
    expect(resolution.dueAt).toBe(sh('2026-10-12T16:00'));
  });

  it('make-up working Sunday 2026-09-20 counts', () => {
    // Accepted Saturday: counting starts Sunday 09:00 (make-up day); Sun, Mon, Tue, Wed → Wed 17:30.
    expect(startClock(complaint('resolution'), sh('2026-09-19T10:00')).dueAt).toBe(sh('2026-09-23T17:30'));
  });

  it('accepted outside working hours starts at the next working-time start', () => {
    const oneDay = def({ type: 'inquiry', zoneClass: 'urban' }, 'resolution');
    expect(startClock(oneDay, sh('2026-09-21T20:00')).dueAt).toBe(sh('2026-09-22T17:30'));
    expect(startClock(oneDay, sh('2026-09-21T12:15')).dueAt).toBe(sh('2026-09-22T12:00'));
  });

  it('month and year ends', () => {
    const urban = def({ type: 'fault_repair', zoneClass: 'urban' }, 'restoration');
    expect(startClock(urban, sh('2026-01-31T22:00')).dueAt).toBe(sh('2026-02-01T02:00'));
    expect(startClock(urban, sh('2026-12-31T23:00')).dueAt).toBe(sh('2027-01-01T03:00'));
    // Complaint on New Year's Eve: Jan 1–3 2027 off.
    expect(startClock(complaint('resolution'), sh('2026-12-31T10:00')).dueAt).toBe(sh('2027-01-07T10:00'));
  });

  it('wall clocks are elapsed time across DST in America/New_York', () => {
    const urban = def({ type: 'fault_repair', zoneClass: 'urban' }, 'restoration');
    // 2026-03-08 00:30 EST + 4 h = 05:30 EDT (only 4 elapsed hours; local clock shows 5).
    expect(startClock(urban, '2026-03-08T00:30:00-05:00').dueAt).toBe('2026-03-08T09:30:00.000Z');
    // 2026-11-01 00:30 EDT + 4 h = 03:30 EST (local clock shows 3).
    expect(startClock(urban, '2026-11-01T00:30:00-04:00').dueAt).toBe('2026-11-01T08:30:00.000Z');
  });

  it('business clocks follow the given calendar and zone', () => {
    const ny: BusinessCalendar = {
      timeZone: 'America/New_York',
      workingHours: [{ from: '09:00', to: '17:00' }],
      weekendDays: [0, 6],
      holidays: [],
      makeUpWorkdays: [],
    };
    const clock = startClock(complaint('resolution'), '2026-03-06T16:00:00-05:00', ny);
    expect(clock.budgetMs).toBe(4 * 8 * H);
    // Fri 1 h, Mon 8 (EDT from Sunday), Tue 8, Wed 8, Thu 7 → Thu 16:00 EDT.
    expect(clock.dueAt).toBe('2026-03-12T20:00:00.000Z');
  });

  it('restoration counted from arrival (State Grid 2023): the caller starts it at arrival', () => {
    const restoration = clocksFor(STATE_GRID_2023_POLICY, { type: 'fault_repair', zoneClass: 'urban' })[1]!;
    expect(restoration.startsFrom).toBe('arrival');
    const clock = startClock(restoration, sh('2026-09-21T10:40'));
    expect(clock).toMatchObject({ judgedOn: 'average', dueAt: sh('2026-09-21T13:40') });
  });

  it('rejects a zone-less start', () => {
    expect(() => startClock(complaint('response'), '2026-09-21T10:00')).toThrow(RangeError);
  });

  it('dueAt >= startedAt (property)', () => {
    const defs = DEFAULT_POLICY.rules.flatMap((r) => r.clocks);
    fc.assert(
      fc.property(
        fc.constantFrom(...defs),
        fc.integer({ min: Date.parse('2025-12-01T00:00:00Z'), max: Date.parse('2027-12-01T00:00:00Z') }),
        (d, start) => {
          const clock = startClock(d, start);
          expect(Date.parse(clock.dueAt!)).toBeGreaterThanOrEqual(start);
          expect(clock.dueAt).toBe(clock.rawDueAt);
        },
      ),
      { numRuns: 300 },
    );
  });
});
