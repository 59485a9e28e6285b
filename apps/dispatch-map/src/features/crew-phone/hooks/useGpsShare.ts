import type { PositionInput } from '@gd/domain';
import { useEffect, useRef, useState } from 'react';

export type GpsState =
  | { kind: 'off' }
  | { kind: 'waiting' }
  | { kind: 'ok'; position: PositionInput }
  /** code: the GeolocationPositionError's (1 denied, 2 unavailable, 3 timeout), 0 when the phone has no GPS API. */
  | { kind: 'error'; code: number; message: string };

/** Minimum time between two shared fixes (the phone may report every second). */
export const MIN_INTERVAL_MS = 5000;

/** A browser fix as the API's position input (speed m/s → km/h). */
export function toPositionInput(p: GeolocationPosition): PositionInput {
  const c = p.coords;
  return {
    lat: c.latitude,
    lng: c.longitude,
    recordedAt: new Date(p.timestamp).toISOString(),
    ...(c.speed !== null && Number.isFinite(c.speed)
      ? { speedKmh: Math.round(c.speed * 3.6 * 10) / 10 }
      : {}),
    ...(c.heading !== null && Number.isFinite(c.heading) ? { heading: c.heading } : {}),
    ...(Number.isFinite(c.accuracy) ? { accuracyM: Math.round(c.accuracy) } : {}),
  };
}

/** Watches the phone's GPS while `enabled`, handing each fix (at most one per 5 s) to `onFix`. */
export function useGpsShare(enabled: boolean, onFix: (p: PositionInput) => void): GpsState {
  const [state, setState] = useState<GpsState>({ kind: 'off' });
  const handler = useRef(onFix);
  handler.current = onFix;
  useEffect(() => {
    if (!enabled) {
      setState({ kind: 'off' });
      return;
    }
    if (!('geolocation' in navigator)) {
      setState({ kind: 'error', code: 0, message: 'geolocation unsupported' });
      return;
    }
    setState({ kind: 'waiting' });
    let lastSent = 0;
    const id = navigator.geolocation.watchPosition(
      (pos) => {
        const input = toPositionInput(pos);
        setState({ kind: 'ok', position: input });
        if (pos.timestamp - lastSent < MIN_INTERVAL_MS) return;
        lastSent = pos.timestamp;
        handler.current(input);
      },
      (err) => setState({ kind: 'error', code: err.code, message: err.message || `code ${err.code}` }),
      { enableHighAccuracy: true, maximumAge: 5000, timeout: 30_000 },
    );
    return () => navigator.geolocation.clearWatch(id);
  }, [enabled]);
  return state;
}
