import type { CrewSkill } from '../territory.js';

/**
 * The fault kinds the dispatch planner knows: the skill each needs and its expected repair in minutes (the mean
 * from history). The one repair table: the API's planner and the storm simulator's policies both read it.
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
