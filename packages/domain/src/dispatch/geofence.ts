import { distanceKm, type LatLng } from '../geo.js';

export interface FencePoint extends LatLng {
  /** When the fix was taken. */
  at: Date | string | number;
  /** Reported accuracy radius in metres; a fix vaguer than the fence itself is ignored. */
  accuracyM?: number | null;
}

export interface GeofenceOptions {
  /** Radius of the circle around the site. Default 150 m. */
  radiusM?: number;
  /** Consecutive fixes inside needed. Default 2. */
  minPoints?: number;
  /** And the time between the first and the last of them. Default 20 s. */
  minDwellMs?: number;
}

export interface GeofenceResult {
  arrived: boolean;
  /** Time of the first fix of the run that counted: when the crew entered the circle. */
  at: Date | null;
  /** Distance of the newest usable fix from the site, in metres (null if none). */
  lastDistanceM: number | null;
}

export const DEFAULT_GEOFENCE: Required<GeofenceOptions> = { radiusM: 150, minPoints: 2, minDwellMs: 20_000 };

/**
 * Has the crew arrived at `site`? Arrival is a run of consecutive fixes inside the circle at least `minPoints`
 * long AND spanning at least `minDwellMs`, so a crew driving past, or parked at the edge while GPS jitter puts
 * every other fix inside, does not arrive. Any fix outside breaks the run; fixes with `accuracyM` above the radius
 * are skipped (they neither make nor break a run). Points are taken in time order whatever order they come in.
 *
 * @example
 * // Parked 148/153 m from the site, alternating: never arrives.
 * geofenceArrival(jitter, site).arrived // false
 * // Three fixes 10 s apart, 20–40 m from the site: arrived at the first of them.
 * geofenceArrival(parked, site) // { arrived: true, at: <first fix>, lastDistanceM: 40 }
 */
export function geofenceArrival(
  points: readonly FencePoint[],
  site: LatLng,
  opts: GeofenceOptions = {},
): GeofenceResult {
  const radiusM = opts.radiusM ?? DEFAULT_GEOFENCE.radiusM;
  const minPoints = Math.max(1, opts.minPoints ?? DEFAULT_GEOFENCE.minPoints);
  const minDwellMs = Math.max(0, opts.minDwellMs ?? DEFAULT_GEOFENCE.minDwellMs);
  const sorted = points
    .map((p) => ({ p, t: new Date(p.at).getTime() }))
    .filter(({ p, t }) => Number.isFinite(t) && Number.isFinite(p.lat) && Number.isFinite(p.lng))
    .sort((a, b) => a.t - b.t);

  let runStart = -1;
  let runCount = 0;
  let arrivedAt: number | null = null;
  let lastDistanceM: number | null = null;
  for (const { p, t } of sorted) {
    if (p.accuracyM !== undefined && p.accuracyM !== null && p.accuracyM > radiusM) continue;
    const d = distanceKm(p, site) * 1000;
    lastDistanceM = d;
    if (d > radiusM) {
      runStart = -1;
      runCount = 0;
      continue;
    }
    if (runCount === 0) runStart = t;
    runCount++;
    if (arrivedAt === null && runCount >= minPoints && t - runStart >= minDwellMs) arrivedAt = runStart;
  }
  return {
    arrived: arrivedAt !== null,
    at: arrivedAt === null ? null : new Date(arrivedAt),
    lastDistanceM: lastDistanceM === null ? null : Math.round(lastDistanceM * 10) / 10,
  };
}
