import { describe, expect, it } from 'vitest';
import type { LatLng } from '../geo.js';
import { type FencePoint, geofenceArrival } from './geofence.js';

const site: LatLng = { lat: 28.2, lng: 112.95 };
/** A fix `m` metres due east of the site, `s` seconds after t0. */
const t0 = Date.parse('2026-11-22T02:00:00Z');
const mPerDegLng = 111_195 * Math.cos((site.lat * Math.PI) / 180);
const fix = (m: number, s: number, accuracyM?: number): FencePoint => ({
  lat: site.lat,
  lng: site.lng + m / mPerDegLng,
  at: new Date(t0 + s * 1000).toISOString(),
  ...(accuracyM === undefined ? {} : { accuracyM }),
});

describe('geofenceArrival', () => {
  it('arrives after two fixes inside spanning 20 s, at the first of them', () => {
    const points = [fix(900, 0), fix(400, 10), fix(120, 20), fix(60, 30), fix(30, 40)];
    const r = geofenceArrival(points, site);
    expect(r.arrived).toBe(true);
    expect(r.at?.toISOString()).toBe(new Date(t0 + 20_000).toISOString());
    expect(r.lastDistanceM).toBeCloseTo(30, 0);
  });

  it('does not arrive on one fix inside, nor on two fixes 5 s apart', () => {
    expect(geofenceArrival([fix(500, 0), fix(100, 10)], site).arrived).toBe(false);
    expect(geofenceArrival([fix(100, 0), fix(90, 5)], site).arrived).toBe(false);
    expect(geofenceArrival([fix(100, 0), fix(90, 5), fix(80, 10), fix(70, 20)], site).arrived).toBe(true);
  });

  it('does not arrive while parked at the fence edge with jittery GPS', () => {
    // 145/157 m alternating every 5 s for 5 minutes: every other fix is inside, no run ever lasts.
    const jitter = Array.from({ length: 60 }, (_, i) => fix(i % 2 === 0 ? 145 : 157, i * 5));
    expect(geofenceArrival(jitter, site)).toMatchObject({ arrived: false, at: null });
    // The same with a slow reporter: single fixes inside 30 s apart are still broken by the next one outside.
    const slow = Array.from({ length: 10 }, (_, i) => fix(i % 2 === 0 ? 149 : 152, i * 30));
    expect(geofenceArrival(slow, site).arrived).toBe(false);
  });

  it('does not arrive when driving past the site', () => {
    const passing = [-600, -300, -100, 0, 100, 300, 600].map((m, i) => fix(m, i * 8));
    expect(geofenceArrival(passing, site).arrived).toBe(false);
  });

  it('ignores vague fixes instead of letting them break or make a run', () => {
    const points = [fix(50, 0), fix(400, 10, 800), fix(40, 25)];
    expect(geofenceArrival(points, site).arrived).toBe(true);
    const onlyVague = [fix(10, 0, 300), fix(10, 30, 300)];
    expect(geofenceArrival(onlyVague, site)).toEqual({ arrived: false, at: null, lastDistanceM: null });
  });

  it('sorts fixes that come out of order, and honours radius, points and dwell options', () => {
    const shuffled = [fix(30, 40), fix(900, 0), fix(60, 30), fix(120, 20)];
    expect(geofenceArrival(shuffled, site).at?.getTime()).toBe(t0 + 20_000);
    const wide = [fix(250, 0), fix(240, 30)];
    expect(geofenceArrival(wide, site).arrived).toBe(false);
    expect(geofenceArrival(wide, site, { radiusM: 300 }).arrived).toBe(true);
    expect(geofenceArrival([fix(10, 0)], site, { minPoints: 1, minDwellMs: 0 }).arrived).toBe(true);
    expect(geofenceArrival([fix(10, 0), fix(10, 60)], site, { minPoints: 3 }).arrived).toBe(false);
  });

  it('skips unusable fixes and answers no for an empty trail', () => {
    expect(geofenceArrival([], site)).toEqual({ arrived: false, at: null, lastDistanceM: null });
    const bad = [
      { lat: Number.NaN, lng: 1, at: t0 },
      { ...fix(10, 0), at: 'not a date' },
    ];
    expect(geofenceArrival(bad, site).arrived).toBe(false);
  });
});
