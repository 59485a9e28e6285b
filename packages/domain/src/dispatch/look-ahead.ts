import { distanceKm, type LatLng } from '../geo.js';
import type { CrewSkill, ZoneClass } from '../territory.js';
import { etaMinutes, type RankOptions } from './rank.js';

/** An order as the look-ahead sees it (waiting, or forecast): times in minutes from now. */
export interface LookAheadOrder {
  location: LatLng;
  zoneClass: ZoneClass;
  requiredSkills: readonly CrewSkill[];
  arrivalDue: number;
  restorationDue: number;
  repair: number;
  weight: number;
  /** When it can be served at the earliest: 0 for a waiting order, later for a forecast one. */
  appearAt: number;
}

/** A crew as the look-ahead sees it: where and when (minutes from now) it is next free. */
export interface LookAheadCrew {
  skills: readonly CrewSkill[];
  position: LatLng;
  freeAt: number;
}

export type TravelOptions = Pick<RankOptions, 'detourFactor' | 'speedKmhByZoneClass' | 'setupMinutes'>;

/**
 * The clocks the crews would still meet on `remaining` (indices into `orders`) if each crew, as it comes free, took
 * the order the planner would give it alone (arrival clock first, then restoration, then the shorter job), until
 * `horizon` minutes from now: Σ weight × (arrival met + restoration met). A forecast order is served no earlier
 * than it appears. O(jobs × orders): the caller bounds both.
 */
export function lookAheadValue(
  orders: readonly LookAheadOrder[],
  remaining: readonly number[],
  crews: readonly LookAheadCrew[],
  horizon: number,
  travel: TravelOptions,
): number {
  const left = [...remaining];
  const state = crews.map((c) => ({ ...c }));
  let total = 0;
  while (left.length > 0 && state.length > 0) {
    let k = 0;
    for (let c = 1; c < state.length; c++) if (state[c]!.freeAt < state[k]!.freeAt) k = c;
    const crew = state[k]!;
    if (crew.freeAt > horizon) break;
    let best = -1;
    let bestKey = Number.NEGATIVE_INFINITY;
    let bestAt = 0;
    for (let x = 0; x < left.length; x++) {
      const o = orders[left[x]!]!;
      if (!o.requiredSkills.every((s) => crew.skills.includes(s))) continue;
      const at =
        Math.max(crew.freeAt, o.appearAt) +
        etaMinutes(distanceKm(crew.position, o.location), o.zoneClass, travel);
      const arrival = at <= o.arrivalDue ? 1 : 0;
      const restoration = at + o.repair <= o.restorationDue ? 1 : 0;
      const key = o.weight * (arrival * 1e6 + restoration * 1e3) - (at - crew.freeAt + o.repair) / 1e3;
      if (key > bestKey) {
        bestKey = key;
        best = x;
        bestAt = at;
      }
    }
    if (best < 0) {
      state.splice(k, 1);
      continue;
    }
    const o = orders[left[best]!]!;
    total += o.weight * ((bestAt <= o.arrivalDue ? 1 : 0) + (bestAt + o.repair <= o.restorationDue ? 1 : 0));
    crew.position = o.location;
    crew.freeAt = bestAt + o.repair;
    left.splice(best, 1);
  }
  return total;
}
