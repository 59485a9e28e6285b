import { describe, expect, it } from 'vitest';
import { distanceKm, type LatLng } from '../geo.js';
import type { CrewSkill, CrewStatus } from '../territory.js';
import { etaMinutes, onShift, type RankCrew, type RankOrder, rankCrews } from './rank.js';

const site: LatLng = { lat: 28.2, lng: 112.95 };
/** A point `km` north of the site (1° of latitude ≈ 111.2 km). */
const north = (km: number): LatLng => ({ lat: site.lat + km / 111.195, lng: site.lng });
const now = new Date('2026-11-22T10:00:00+08:00');

function crew(id: string, km: number, o: Partial<RankCrew> = {}): RankCrew {
  return {
    id,
    skills: ['distribution', 'cable'] as CrewSkill[],
    status: 'available' as CrewStatus,
    position: north(km),
    depot: north(km + 10),
    ...o,
  };
}
const order = (o: Partial<RankOrder> = {}): RankOrder => ({
  location: site,
  zoneClass: 'urban',
  requiredSkills: ['cable'],
  priority: 'normal',
  ...o,
});

describe('rankCrews', () => {
  it('puts the crew that can be there soonest first, with ETA = km × detour ÷ speed + setup', () => {
    const ranked = rankCrews(order(), [crew('far', 8), crew('near', 2), crew('mid', 5)], { now });
    expect(ranked.map((c) => c.crewId)).toEqual(['near', 'mid', 'far']);
    expect(ranked[0]).toMatchObject({ skillsOk: true, status: 'available', source: 'gps', eligible: true });
    expect(ranked[0]!.distanceKm).toBeCloseTo(2, 2);
    // 2 km × 1.3 ÷ 25 km/h = 6.24 min, + 5 setup.
    expect(ranked[0]!.etaMinutes).toBeCloseTo(11.2, 1);
    expect(etaMinutes(2, 'urban')).toBeCloseTo(11.24, 2);
    expect(etaMinutes(2, 'rural', { detourFactor: 1, setupMinutes: 0 })).toBeCloseTo(3, 5);
  });

  it('uses the order zone speed: rural crews cover more ground per minute', () => {
    const [urban] = rankCrews(order(), [crew('a', 10)], { now });
    const [rural] = rankCrews(order({ zoneClass: 'rural' }), [crew('a', 10)], { now });
    const [remote] = rankCrews(order({ zoneClass: 'remote' }), [crew('a', 10)], {
      now,
      speedKmhByZoneClass: { remote: 13 },
    });
    expect(urban!.etaMinutes).toBeGreaterThan(rural!.etaMinutes);
    expect(remote!.etaMinutes).toBeCloseTo((10 * 1.3 * 60) / 13 + 5, 0);
  });

  it('leaves out crews missing a required skill, or lists them flagged after the eligible ones', () => {
    const crews = [
      crew('meter-only', 1, { skills: ['metering'] }),
      crew('cable', 6),
      crew('overhead', 0.5, { skills: ['overhead_line', 'distribution'] }),
    ];
    const o = order({ requiredSkills: ['cable', 'distribution'] });
    expect(rankCrews(o, crews, { now }).map((c) => c.crewId)).toEqual(['cable']);
    const all = rankCrews(o, crews, { now, includeIneligible: true });
    expect(all.map((c) => [c.crewId, c.eligible, c.skillsOk, c.reason])).toEqual([
      ['cable', true, true, null],
      ['overhead', false, false, 'skills'],
      ['meter-only', false, false, 'skills'],
    ]);
  });

  it('returns nothing when every crew is busy or off duty', () => {
    const crews = [
      crew('a', 1, { status: 'dispatched' }),
      crew('b', 2, { status: 'on_site' }),
      crew('c', 3, { status: 'off_duty' }),
      crew('d', 4, { status: 'en_route' }),
    ];
    expect(rankCrews(order(), crews, { now })).toEqual([]);
    const flagged = rankCrews(order(), crews, { now, includeIneligible: true });
    expect(flagged.every((c) => !c.eligible && c.reason === 'status')).toBe(true);
    // Pre-emption needs both the option and an urgent order, and never takes a crew off site or off duty.
    expect(rankCrews(order(), crews, { now, allowPreemption: true })).toEqual([]);
    const urgent = rankCrews(order({ priority: 'urgent' }), crews, { now, allowPreemption: true });
    expect(urgent.map((c) => [c.crewId, c.preempts])).toEqual([
      ['a', true],
      ['d', true],
    ]);
  });

  it('prefers a free crew over pre-empting a slightly nearer busy one', () => {
    const crews = [crew('busy', 1, { status: 'en_route' }), crew('free', 2)];
    const ranked = rankCrews(order({ priority: 'urgent' }), crews, { now, allowPreemption: true });
    expect(ranked.map((c) => c.crewId)).toEqual(['free', 'busy']);
    const noPenalty = rankCrews(order({ priority: 'urgent' }), crews, {
      now,
      allowPreemption: true,
      preemptionPenaltyMinutes: 0,
    });
    expect(noPenalty.map((c) => c.crewId)).toEqual(['busy', 'free']);
  });

  it('breaks ties on crew id, whatever order the crews come in', () => {
    const east: LatLng = { lat: site.lat, lng: site.lng + 0.03 };
    const west: LatLng = { lat: site.lat, lng: site.lng - 0.03 };
    const crews = [
      crew('c-3', 0, { position: east }),
      crew('c-1', 0, { position: west }),
      crew('c-2', 0, { position: east }),
    ];
    const a = rankCrews(order(), crews, { now }).map((c) => c.crewId);
    const b = rankCrews(order(), [...crews].reverse(), { now }).map((c) => c.crewId);
    expect(a).toEqual(['c-1', 'c-2', 'c-3']);
    expect(b).toEqual(a);
  });

  it('falls back to the depot without a usable GPS fix', () => {
    const crews = [
      crew('no-fix', 0, { position: null, depot: north(3) }),
      crew('garbage-fix', 0, { position: { lat: Number.NaN, lng: 200 }, depot: north(4) }),
      crew('gps', 5),
    ];
    const ranked = rankCrews(order(), crews, { now });
    expect(ranked.map((c) => [c.crewId, c.source])).toEqual([
      ['no-fix', 'depot'],
      ['garbage-fix', 'depot'],
      ['gps', 'gps'],
    ]);
  });

  it('drops crews outside the territory with maxDistanceKm, and never returns NaN', () => {
    const crews = [
      crew('beijing', 0, { position: { lat: 39.9, lng: 116.4 } }),
      crew('local', 12),
      crew('nowhere', 0, { position: null, depot: { lat: Number.NaN, lng: Number.NaN } }),
    ];
    const unbounded = rankCrews(order(), crews, { now });
    expect(unbounded.map((c) => c.crewId)).toEqual(['local', 'beijing']);
    expect(unbounded.every((c) => Number.isFinite(c.etaMinutes))).toBe(true);
    const bounded = rankCrews(order(), crews, { now, maxDistanceKm: 80, includeIneligible: true });
    expect(bounded.map((c) => [c.crewId, c.reason])).toEqual([
      ['local', null],
      ['beijing', 'too_far'],
      ['nowhere', 'no_position'],
    ]);
  });

  it('says whether each candidate can meet the arrival clock', () => {
    const due = new Date(now.getTime() + 30 * 60_000);
    const ranked = rankCrews(order({ arrivalDueAt: due }), [crew('near', 2), crew('far', 15)], { now });
    // far: 15 × 1.3 ÷ 25 × 60 + 5 = 51.8 min > 30.
    expect(ranked.map((c) => [c.crewId, c.meetsArrivalSla])).toEqual([
      ['near', true],
      ['far', false],
    ]);
    expect(rankCrews(order(), [crew('far', 15)], { now })[0]!.meetsArrivalSla).toBe(true);
  });

  it('respects shifts in local time, including overnight ones', () => {
    expect(onShift({ start: '08:00', end: '20:00' }, 10 * 60)).toBe(true);
    expect(onShift({ start: '08:00', end: '20:00' }, 20 * 60)).toBe(false);
    expect(onShift({ start: '20:00:00', end: '08:00:00' }, 2 * 60)).toBe(true);
    expect(onShift({ start: '20:00:00', end: '08:00:00' }, 12 * 60)).toBe(false);
    const crews = [
      crew('night', 1, { shift: { start: '20:00', end: '08:00' } }),
      crew('day', 3, { shift: { start: '08:00', end: '20:00' } }),
    ];
    // 10:00 in Shanghai: only the day shift works.
    expect(rankCrews(order(), crews, { now }).map((c) => c.crewId)).toEqual(['day']);
    // The same instant is 21:00 the evening before in Lima (UTC-5): only the night shift.
    expect(rankCrews(order(), crews, { now, timeZone: 'America/Lima' }).map((c) => c.crewId)).toEqual([
      'night',
    ]);
  });

  it('honours the limit', () => {
    const crews = Array.from({ length: 30 }, (_, i) => crew(`c${String(i).padStart(2, '0')}`, 30 - i));
    expect(rankCrews(order(), crews, { now, limit: 3 }).map((c) => c.crewId)).toEqual(['c29', 'c28', 'c27']);
    expect(rankCrews(order(), crews, { now, limit: Number.POSITIVE_INFINITY })).toHaveLength(30);
    expect(rankCrews(order(), crews, { now, limit: 0 })).toEqual([]);
  });

  it('agrees with a plain sort on random fleets', () => {
    let seed = 7;
    const rand = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    const skills: CrewSkill[] = ['distribution', 'cable', 'overhead_line', 'metering'];
    const statuses: CrewStatus[] = ['available', 'available', 'available', 'dispatched', 'off_duty'];
    for (let round = 0; round < 20; round++) {
      const crews = Array.from({ length: 300 }, (_, i) =>
        crew(`k${i}`, 0, {
          position: { lat: site.lat + (rand() - 0.5), lng: site.lng + (rand() - 0.5) },
          skills: skills.filter(() => rand() < 0.5),
          status: statuses[Math.floor(rand() * statuses.length)]!,
        }),
      );
      const o = order({ requiredSkills: skills.filter(() => rand() < 0.3) });
      const got = rankCrews(o, crews, { now, limit: 25 }).map((c) => c.crewId);
      const eligible = crews.filter(
        (c) => c.status === 'available' && o.requiredSkills.every((s) => c.skills.includes(s)),
      );
      const want = eligible
        .map((c) => ({ id: c.id, km: distanceKm(c.position!, site) }))
        .sort((a, b) => a.km - b.km || (a.id < b.id ? -1 : 1))
        .slice(0, 25)
        .map((c) => c.id);
      expect(got).toHaveLength(Math.min(25, eligible.length));
      expect(got).toEqual(want);
    }
  });
});
