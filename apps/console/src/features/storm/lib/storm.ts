import { MAX_EMERGENCY_DAYS, type SlaEmergency, type ZoneClass } from '@gd/domain';

export type EmergencyPhase = 'in_force' | 'planned' | 'over';

/** Where an emergency stands at `nowMs`: its window [startsAt, endsAt) has begun, is still ahead, or is over. */
export function emergencyPhase(e: Pick<SlaEmergency, 'startsAt' | 'endsAt'>, nowMs: number): EmergencyPhase {
  if (Date.parse(e.endsAt) <= nowMs) return 'over';
  return Date.parse(e.startsAt) <= nowMs ? 'in_force' : 'planned';
}

/** The declarations by phase: in force (ending soonest first), planned (starting soonest first), the last few over. */
export function splitEmergencies(list: readonly SlaEmergency[], nowMs: number, overShown = 5) {
  const by = (phase: EmergencyPhase) => list.filter((e) => emergencyPhase(e, nowMs) === phase);
  const asc = (k: 'startsAt' | 'endsAt') => (a: SlaEmergency, b: SlaEmergency) =>
    Date.parse(a[k]) - Date.parse(b[k]);
  return {
    inForce: by('in_force').sort(asc('endsAt')),
    planned: by('planned').sort(asc('startsAt')),
    over: by('over')
      .sort((a, b) => Date.parse(b.endsAt) - Date.parse(a.endsAt))
      .slice(0, overShown),
  };
}

/** A zone added to the selection, or taken out if it was in (a click on the map or a tick in the list). */
export function toggleZone(selected: readonly string[], id: string): string[] {
  return selected.includes(id) ? selected.filter((z) => z !== id) : [...selected, id];
}

export type WindowProblem = 'needWindow' | 'endsBeforeStart' | 'endsInPast' | 'tooLong';

/**
 * What is wrong with a window before it is sent (the API refuses the same): both ends given, the end after the start
 * and in the future, at most MAX_EMERGENCY_DAYS long.
 */
export function windowProblem(
  startsAt: string | null,
  endsAt: string | null,
  nowMs: number,
): WindowProblem | null {
  if (!startsAt || !endsAt) return 'needWindow';
  const from = Date.parse(startsAt);
  const to = Date.parse(endsAt);
  if (!(to > from)) return 'endsBeforeStart';
  if (to <= nowMs) return 'endsInPast';
  if (to - from > MAX_EMERGENCY_DAYS * 86_400_000) return 'tooLong';
  return null;
}

export interface ZoneItem {
  id: string;
  name: string;
  district: string;
  zoneClass: ZoneClass;
}

/** Zones grouped by district, districts and zones in name order (the list beside the map). */
export function zonesByDistrict(zones: readonly ZoneItem[]): [string, ZoneItem[]][] {
  const groups = new Map<string, ZoneItem[]>();
  for (const z of zones) groups.set(z.district, [...(groups.get(z.district) ?? []), z]);
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b, 'zh-CN'))
    .map(([d, zs]) => [d, zs.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))]);
}
