import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { distanceKm } from '../geo.js';
import { MANUAL_ARRIVAL, manualArrival } from './manual-arrival.js';

const site = { lat: 28.2, lng: 112.95 };
const now = new Date('2026-07-10T20:00:00+08:00');
const ago = (min: number) => new Date(now.getTime() - min * 60_000);
/** A point `km` north of the site. */
const north = (km: number) => ({ lat: site.lat + km / 111.195, lng: site.lng });

describe('manualArrival', () => {
  it('refuses a crew whose fix of a minute ago is 10 km away, saying how far', () => {
    const v = manualArrival({ site, fix: { ...north(10), at: ago(1) }, now, by: 'crew' });
    expect(v).toMatchObject({ ok: false, problem: 'too_far', fixAgeMinutes: 1 });
    expect(v.ok === false && v.problem === 'too_far' && v.distanceKm).toBeCloseTo(10, 1);
  });

  it('accepts a crew within 1 km, unflagged', () => {
    expect(manualArrival({ site, fix: { ...north(0.9), at: ago(9) }, now, by: 'crew' })).toMatchObject({
      ok: true,
      flag: null,
    });
  });

  it('believes a crew with no fix, or only one older than 10 minutes, and flags it', () => {
    expect(manualArrival({ site, fix: null, now, by: 'crew' })).toEqual({
      ok: true,
      flag: 'no_recent_fix',
      distanceKm: null,
    });
    expect(manualArrival({ site, fix: { ...north(30), at: ago(10.5) }, now, by: 'crew' })).toEqual({
      ok: true,
      flag: 'no_recent_fix',
      distanceKm: null,
    });
  });

  it('a fix exactly 10 minutes old still counts; a future-dated one counts as recent', () => {
    expect(manualArrival({ site, fix: { ...north(2), at: ago(10) }, now, by: 'crew' }).ok).toBe(false);
    expect(manualArrival({ site, fix: { ...north(2), at: ago(-3) }, now, by: 'crew' })).toMatchObject({
      ok: false,
      fixAgeMinutes: 0,
    });
  });

  it('lets a dispatcher record it anyway with a reason, flagged, and never without one', () => {
    const far = { ...north(10), at: ago(1) };
    expect(manualArrival({ site, fix: far, now, by: 'dispatcher', reason: '电话确认已到场' })).toMatchObject({
      ok: true,
      flag: 'by_dispatcher',
    });
    expect(manualArrival({ site, fix: far, now, by: 'dispatcher', reason: '  ' })).toEqual({
      ok: false,
      problem: 'reason_required',
    });
    expect(manualArrival({ site, fix: null, now, by: 'dispatcher' })).toEqual({
      ok: false,
      problem: 'reason_required',
    });
  });

  it('property: a crew with a recent fix is refused exactly when it is more than 1 km away', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -0.05, max: 0.05, noNaN: true }),
        fc.double({ min: -0.05, max: 0.05, noNaN: true }),
        fc.integer({ min: 0, max: 600_000 }),
        (dLat, dLng, ageMs) => {
          const fix = { lat: site.lat + dLat, lng: site.lng + dLng, at: now.getTime() - ageMs };
          const v = manualArrival({ site, fix, now, by: 'crew' });
          expect(v.ok).toBe(distanceKm(fix, site) <= MANUAL_ARRIVAL.maxDistanceKm + 0.0005);
        },
      ),
    );
  });
});
