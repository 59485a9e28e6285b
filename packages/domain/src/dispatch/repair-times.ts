import type { CrewSkill } from '../territory.js';

/**
 * The fault kinds the dispatch planner knows: the skill each needs and its expected repair in minutes (the mean
 * from history). The storm simulator's policies read it; the API's planner reads it for a kind of which its own
 * history has too few completed repairs (`repairMinutesFromHistory`).
 */
export const FAULT_KINDS = [
  { type: 'low_voltage', skill: 'distribution', repairMinutes: 45 },
  { type: 'line_down', skill: 'overhead_line', repairMinutes: 90 },
  { type: 'cable_fault', skill: 'cable', repairMinutes: 120 },
] as const satisfies readonly { type: string; skill: CrewSkill; repairMinutes: number }[];

export type FaultType = (typeof FAULT_KINDS)[number]['type'];

/** Expected repair minutes by fault type: `PlanOptions.repairMinutesByType`. */
export const EXPECTED_REPAIR_MINUTES: Readonly<Record<FaultType, number>> = Object.fromEntries(
  FAULT_KINDS.map((k) => [k.type, k.repairMinutes]),
) as Record<FaultType, number>;

/**
 * An order's fault type as the planner can know it before a crew reports the cause: the kind its required skills
 * point to (the longest expected repair when they point to several), or null when none does (the planner then
 * uses its default repair time).
 *
 * @example faultTypeOf(['cable']) // 'cable_fault'
 * @example faultTypeOf(['metering']) // null
 */
export function faultTypeOf(requiredSkills: readonly string[]): FaultType | null {
  let best: (typeof FAULT_KINDS)[number] | null = null;
  for (const k of FAULT_KINDS) {
    if (requiredSkills.includes(k.skill) && (!best || k.repairMinutes > best.repairMinutes)) best = k;
  }
  return best?.type ?? null;
}

/** Completed repairs of one set of required skills: how many, and their mean minutes from arrival to completion. */
export interface RepairHistory {
  requiredSkills: readonly string[];
  count: number;
  meanMinutes: number;
}

/**
 * The expected repair by fault type from history: the mean time on site (arrival to completion) of the completed
 * orders of each type (by `faultTypeOf`), where the type has at least `minSamples` of them; otherwise the table's
 * figure, `EXPECTED_REPAIR_MINUTES` (a type never seen, or a new system). Orders of no known type are left out
 * (the planner's default applies to them). History never brings a type below a quarter of the table's figure:
 * orders closed on arrival (a demo, a test system, a batch of paperwork closes) would otherwise make every busy
 * crew look free at once, and the planner hold orders for them.
 *
 * @example repairMinutesFromHistory([{ requiredSkills: ['cable'], count: 40, meanMinutes: 95 }]).cable_fault // 95
 * @example repairMinutesFromHistory([{ requiredSkills: ['cable'], count: 3, meanMinutes: 10 }]).cable_fault // 120
 */
export function repairMinutesFromHistory(
  history: readonly RepairHistory[],
  minSamples = 20,
): Record<FaultType, number> {
  const sums = new Map<FaultType, { count: number; minutes: number }>();
  for (const h of history) {
    const type = faultTypeOf(h.requiredSkills);
    if (type === null || !(h.count > 0) || !Number.isFinite(h.meanMinutes)) continue;
    const s = sums.get(type) ?? { count: 0, minutes: 0 };
    s.count += h.count;
    s.minutes += h.count * h.meanMinutes;
    sums.set(type, s);
  }
  const out = { ...EXPECTED_REPAIR_MINUTES };
  for (const [type, s] of sums)
    if (s.count >= minSamples)
      out[type] = Math.max(EXPECTED_REPAIR_MINUTES[type] / 4, Math.round((s.minutes / s.count) * 10) / 10);
  return out;
}
