import type { ClockDefinition, ClockKind, PolicyRule, SlaPolicy, ZoneClass } from '../types.js';

const wall = (kind: ClockKind, minutes: number, extra: Partial<ClockDefinition> = {}): ClockDefinition => ({
  kind,
  minutes,
  calendar: 'wall',
  startsFrom: 'accepted',
  judgedOn: 'each',
  ...extra,
});

const workingDays = (kind: ClockKind, days: number): ClockDefinition => ({
  kind,
  workingDays: days,
  calendar: 'business',
  startsFrom: 'accepted',
  judgedOn: 'each',
});

const H = 60;

/** Types other than fault repair: the same in every shipped policy (seed 003 §2.5.1, DOMAIN.md). */
const NON_REPAIR_RULES: PolicyRule[] = [
  // Complaints: contact the customer within 24 h, answer within 4 working days.
  { type: 'complaint', clocks: [wall('response', 24 * H), workingDays('resolution', 4)] },
  // Reports (举报): contact within 24 h, answer within 9 working days.
  { type: 'report', clocks: [wall('response', 24 * H), workingDays('resolution', 9)] },
  // Reconnection after payment: power back within 24 h; the order returned within 1 working day.
  { type: 'reconnection', clocks: [wall('resolution', 24 * H), workingDays('response', 1)] },
  // Service requests without a sub-kind are treated as "other".
  { type: 'service_request', clocks: [workingDays('resolution', 5)] },
  // Damaged appliances: on site within 24 h (wall clock). No answer clock is published.
  { type: 'service_request', subKind: 'appliance_damage', clocks: [wall('arrival', 24 * H)] },
  { type: 'service_request', subKind: 'meter_fault', clocks: [workingDays('resolution', 4)] },
  { type: 'service_request', subKind: 'meter_reading_anomaly', clocks: [workingDays('resolution', 6)] },
  { type: 'service_request', subKind: 'other', clocks: [workingDays('resolution', 5)] },
  // Meter test results and meter-data complaints: 5 working days.
  { type: 'billing_dispute', clocks: [workingDays('resolution', 5)] },
  // Opinions / suggestions (意见): no published limit; decision: answered within 5 working days, like
  // "other" service requests.
  { type: 'opinion', clocks: [workingDays('resolution', 5)] },
  // Inquiries (咨询) are usually answered on the call; those passed on must be answered within 1 working
  // day (decision).
  { type: 'inquiry', clocks: [workingDays('resolution', 1)] },
  // Praise (表扬) is recorded and forwarded: no clock (decision).
  { type: 'praise', clocks: [] },
];

function repairRules(
  arrivalMinutes: Record<ZoneClass, number>,
  restorationMinutes: Record<ZoneClass, number>,
  extra: Partial<ClockDefinition>,
  restorationExtra: Partial<ClockDefinition>,
): PolicyRule[] {
  return (['urban', 'rural', 'remote'] as const).map((zoneClass) => ({
    type: 'fault_repair',
    zoneClass,
    clocks: [
      wall('arrival', arrivalMinutes[zoneClass], extra),
      wall('restoration', restorationMinutes[zoneClass], { ...extra, ...restorationExtra }),
    ],
  }));
}

/**
 * Default policy, seed 003 §2.5.1: crew on site within 30 / 60 / 90 min (urban / rural / remote), power
 * restored within 4 / 6 / 6 h, both counted from acceptance on the wall clock, per-order caps.
 */
export const DEFAULT_POLICY: SlaPolicy = {
  id: 'default-seed-003',
  name: 'Seed 003 §2.5.1 (24-hour repair service)',
  rules: [
    ...repairRules(
      { urban: 30, rural: 60, remote: 90 },
      { urban: 4 * H, rural: 6 * H, remote: 6 * H },
      {},
      {},
    ),
    ...NON_REPAIR_RULES,
  ],
};

/**
 * State Grid "十项承诺" (2023): arrival on average 45 / 90 / 120 min; restoration on average 3 h urban, 4 h
 * rural and remote, counted FROM ARRIVAL. Averages over orders, not per-order caps.
 */
export const STATE_GRID_2023_POLICY: SlaPolicy = {
  id: 'state-grid-2023',
  name: 'State Grid 十项承诺 (2023)',
  rules: [
    ...repairRules(
      { urban: 45, rural: 90, remote: 120 },
      { urban: 3 * H, rural: 4 * H, remote: 4 * H },
      { judgedOn: 'average' },
      { startsFrom: 'arrival' },
    ),
    ...NON_REPAIR_RULES,
  ],
};

/**
 * China Southern Grid: arrival 45 / 90 / 120 min; restoration 4 h urban, 5 h rural and remote; averages.
 * The source gives no start point for restoration: counted from acceptance (the default) — verify.
 */
export const CHINA_SOUTHERN_GRID_POLICY: SlaPolicy = {
  id: 'china-southern-grid',
  name: 'China Southern Grid',
  rules: [
    ...repairRules(
      { urban: 45, rural: 90, remote: 120 },
      { urban: 4 * H, rural: 5 * H, remote: 5 * H },
      { judgedOn: 'average' },
      {},
    ),
    ...NON_REPAIR_RULES,
  ],
};

/** Every shipped policy by id. */
export const PRESET_POLICIES: Readonly<Record<string, SlaPolicy>> = {
  [DEFAULT_POLICY.id]: DEFAULT_POLICY,
  [STATE_GRID_2023_POLICY.id]: STATE_GRID_2023_POLICY,
  [CHINA_SOUTHERN_GRID_POLICY.id]: CHINA_SOUTHERN_GRID_POLICY,
};
