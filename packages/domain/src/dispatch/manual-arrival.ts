import { distanceKm, type LatLng } from '../geo.js';

/** A crew's latest GPS fix. */
export interface ArrivalFix extends LatLng {
  at: Date | string | number;
}

export interface ManualArrivalInput {
  site: LatLng;
  /** The crew's newest fix, if it has any. */
  fix: ArrivalFix | null;
  now: Date | number;
  /** Who records the arrival: the crew itself, or a dispatcher on its behalf. */
  by: 'crew' | 'dispatcher';
  /** The dispatcher's reason (required when `by` is dispatcher). */
  reason?: string | null;
}

export const MANUAL_ARRIVAL = {
  /** A fix older than this says nothing about where the crew is now. */
  recentFixMs: 10 * 60_000,
  /** Farther than this from the site, the crew is not there. */
  maxDistanceKm: 1,
} as const;

/**
 * `flag`: why the arrival is recorded but flagged for reports — `no_recent_fix` (a crew with no fix in the last
 * 10 minutes: accepted on its word) or `by_dispatcher` (a dispatcher recorded it, with a reason).
 */
export type ManualArrivalVerdict =
  | { ok: true; flag: 'no_recent_fix' | 'by_dispatcher' | null; distanceKm: number | null }
  | { ok: false; problem: 'too_far'; distanceKm: number; fixAgeMinutes: number }
  | { ok: false; problem: 'reason_required' };

/**
 * May an arrival typed in by hand stop the arrival clock? A crew whose latest fix (at most 10 minutes old) is more
 * than 1 km from the site is refused: "GPS 信号弱" 10 km away is not an arrival. A crew with no recent fix is
 * believed, and flagged. A dispatcher may record it for the crew whatever the fix says, with a reason, flagged.
 * A fix dated in the future (a phone clock ahead) counts as recent.
 *
 * @example
 * manualArrival({ site, fix: { ...tenKmAway, at: oneMinuteAgo }, now, by: 'crew' })
 * // { ok: false, problem: 'too_far', distanceKm: 10, fixAgeMinutes: 1 }
 * manualArrival({ site, fix: null, now, by: 'crew' }) // { ok: true, flag: 'no_recent_fix', distanceKm: null }
 * manualArrival({ site, fix: null, now, by: 'dispatcher', reason: '电话确认已到场' })
 * // { ok: true, flag: 'by_dispatcher', distanceKm: null }
 */
export function manualArrival(input: ManualArrivalInput): ManualArrivalVerdict {
  const nowMs = typeof input.now === 'number' ? input.now : input.now.getTime();
  const fixMs = input.fix ? new Date(input.fix.at).getTime() : Number.NaN;
  const recent = input.fix !== null && Number.isFinite(fixMs) && nowMs - fixMs <= MANUAL_ARRIVAL.recentFixMs;
  const km = recent ? Math.round(distanceKm(input.fix!, input.site) * 1000) / 1000 : null;
  if (input.by === 'dispatcher') {
    if (!input.reason || input.reason.trim() === '') return { ok: false, problem: 'reason_required' };
    return { ok: true, flag: 'by_dispatcher', distanceKm: km };
  }
  if (km === null) return { ok: true, flag: 'no_recent_fix', distanceKm: null };
  if (km > MANUAL_ARRIVAL.maxDistanceKm) {
    return {
      ok: false,
      problem: 'too_far',
      distanceKm: km,
      fixAgeMinutes: Math.max(0, Math.round((nowMs - fixMs) / 60_000)),
    };
  }
  return { ok: true, flag: null, distanceKm: km };
}
