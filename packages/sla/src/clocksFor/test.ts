import { describe, expect, it } from 'vitest';
import { CHINA_SOUTHERN_GRID_POLICY, DEFAULT_POLICY, STATE_GRID_2023_POLICY } from '../_data/policies.js';
import { parsePolicy } from '../parsePolicy/index.js';
import { WORK_ORDER_TYPES, ZONE_CLASSES, type ZoneClass } from '../types.js';
import { clocksFor } from './index.js';

/** `kind duration calendar [startsFrom] [judgedOn]`, compact for tables. */
const summary = (policy = DEFAULT_POLICY, q: Parameters<typeof clocksFor>[1]) =>
  clocksFor(policy, q).map((c) => {
    const d =
      c.minutes !== undefined
        ? `${c.minutes}min`
        : c.hours !== undefined
          ? `${c.hours}h`
          : c.workingDays !== undefined
            ? `${c.workingDays}wd`
            : `${c.workingHours}wh`;
    const extra = [
      c.startsFrom !== 'accepted' ? `from:${c.startsFrom}` : '',
      c.judgedOn !== 'each' ? c.judgedOn : '',
    ]
      .filter(Boolean)
      .join(' ');
    return `${c.kind} ${d} ${c.calendar}${extra ? ` ${extra}` : ''}`;
  });

describe('clocksFor — default policy, the six repair targets', () => {
  it.each([
    ['urban', 30, 240],
    ['rural', 60, 360],
    ['remote', 90, 360],
  ] as [ZoneClass, number, number][])(
    'fault_repair %s: arrival %d min, restoration %d min',
    (zoneClass, arr, rest) => {
      expect(summary(DEFAULT_POLICY, { type: 'fault_repair', zoneClass })).toEqual([
        `arrival ${arr}min wall`,
        `restoration ${rest}min wall`,
      ]);
    },
  );
});

describe('clocksFor — default policy, every type × zone class', () => {
  const expected: Record<string, string[]> = {
    complaint: ['response 1440min wall', 'resolution 4wd business'],
    report: ['response 1440min wall', 'resolution 9wd business'],
    opinion: ['resolution 5wd business'],
    praise: [],
    inquiry: ['resolution 1wd business'],
    service_request: ['resolution 5wd business'],
    billing_dispute: ['resolution 5wd business'],
    reconnection: ['resolution 1440min wall', 'response 1wd business'],
  };
  const rows = WORK_ORDER_TYPES.filter((t) => t !== 'fault_repair').flatMap((type) =>
    ZONE_CLASSES.map((zoneClass) => [type, zoneClass] as const),
  );
  it.each(rows)('%s / %s', (type, zoneClass) => {
    expect(summary(DEFAULT_POLICY, { type, zoneClass })).toEqual(expected[type]);
  });

  it.each([
    ['appliance_damage', ['arrival 1440min wall']],
    ['meter_fault', ['resolution 4wd business']],
    ['meter_reading_anomaly', ['resolution 6wd business']],
    ['other', ['resolution 5wd business']],
  ] as const)('service_request %s', (subKind, clocks) => {
    for (const zoneClass of ZONE_CLASSES) {
      expect(summary(DEFAULT_POLICY, { type: 'service_request', subKind, zoneClass })).toEqual(clocks);
    }
  });
});

describe('clocksFor — presets', () => {
  it.each([
    ['urban', 'arrival 45min wall average', 'restoration 180min wall from:arrival average'],
    ['rural', 'arrival 90min wall average', 'restoration 240min wall from:arrival average'],
    ['remote', 'arrival 120min wall average', 'restoration 240min wall from:arrival average'],
  ] as [ZoneClass, string, string][])('state-grid-2023 %s', (zoneClass, a, r) => {
    expect(summary(STATE_GRID_2023_POLICY, { type: 'fault_repair', zoneClass })).toEqual([a, r]);
  });

  it.each([
    ['urban', 'arrival 45min wall average', 'restoration 240min wall average'],
    ['rural', 'arrival 90min wall average', 'restoration 300min wall average'],
    ['remote', 'arrival 120min wall average', 'restoration 300min wall average'],
  ] as [ZoneClass, string, string][])('china-southern-grid %s', (zoneClass, a, r) => {
    expect(summary(CHINA_SOUTHERN_GRID_POLICY, { type: 'fault_repair', zoneClass })).toEqual([a, r]);
  });

  it('presets keep the default non-repair clocks', () => {
    for (const policy of [STATE_GRID_2023_POLICY, CHINA_SOUTHERN_GRID_POLICY]) {
      expect(summary(policy, { type: 'complaint', zoneClass: 'rural' })).toEqual(
        summary(DEFAULT_POLICY, { type: 'complaint', zoneClass: 'rural' }),
      );
    }
  });
});

describe('clocksFor — specificity', () => {
  const policy = parsePolicy({
    id: 'spec',
    rules: [
      { type: 'service_request', clocks: [{ kind: 'resolution', workingDays: 5 }] },
      { type: 'service_request', subKind: 'meter_fault', clocks: [{ kind: 'resolution', workingDays: 4 }] },
      { type: 'service_request', priority: 'urgent', clocks: [{ kind: 'resolution', workingDays: 2 }] },
      {
        type: 'service_request',
        subKind: 'meter_fault',
        priority: 'urgent',
        clocks: [{ kind: 'resolution', workingDays: 1 }],
      },
      { type: 'fault_repair', clocks: [{ kind: 'arrival', minutes: 60 }] },
      { type: 'fault_repair', zoneClass: 'urban', clocks: [{ kind: 'arrival', minutes: 30 }] },
      { type: 'fault_repair', priority: 'urgent', clocks: [{ kind: 'arrival', minutes: 20 }] },
    ],
  });
  it.each([
    [{ type: 'service_request', zoneClass: 'urban' }, 'resolution 5wd business'],
    [{ type: 'service_request', subKind: 'meter_fault', zoneClass: 'urban' }, 'resolution 4wd business'],
    [
      { type: 'service_request', subKind: 'other', zoneClass: 'urban', priority: 'urgent' },
      'resolution 2wd business',
    ],
    [
      { type: 'service_request', subKind: 'meter_fault', zoneClass: 'urban', priority: 'urgent' },
      'resolution 1wd business',
    ],
    [
      { type: 'service_request', subKind: 'meter_fault', zoneClass: 'urban', priority: 'low' },
      'resolution 4wd business',
    ],
    [{ type: 'fault_repair', zoneClass: 'rural' }, 'arrival 60min wall'],
    [{ type: 'fault_repair', zoneClass: 'urban' }, 'arrival 30min wall'],
    [{ type: 'fault_repair', zoneClass: 'urban', priority: 'urgent' }, 'arrival 20min wall'],
    [{ type: 'fault_repair', zoneClass: 'urban', priority: null }, 'arrival 30min wall'],
  ] as const)('%j → %s', (q, clock) => {
    expect(summary(policy, q)).toEqual([clock]);
  });

  it('no matching rule → []', () => {
    expect(clocksFor(policy, { type: 'complaint', zoneClass: 'urban' })).toEqual([]);
  });

  it('returns copies', () => {
    const clocks = clocksFor(DEFAULT_POLICY, { type: 'fault_repair', zoneClass: 'urban' });
    clocks[0]!.minutes = 1;
    expect(clocksFor(DEFAULT_POLICY, { type: 'fault_repair', zoneClass: 'urban' })[0]!.minutes).toBe(30);
  });
});
