import type { SlaEmergency } from '@gd/domain';
import { describe, expect, it } from 'vitest';
import { emergencyPhase, splitEmergencies, toggleZone, windowProblem, zonesByDistrict } from './storm.js';

const NOW = Date.parse('2026-09-21T10:00:00+08:00');
const at = (h: number) => new Date(NOW + h * 3_600_000).toISOString();
const emergency = (id: string, from: number, to: number): SlaEmergency => ({
  id,
  zoneIds: ['CS-U-YL'],
  startsAt: at(from),
  endsAt: at(to),
  mode: 'pause',
  reason: '台风',
  declaredBy: 'u',
  createdAt: at(from),
});

describe('storm controls', () => {
  it('tells in force, planned and over apart at the window edges', () => {
    expect(emergencyPhase(emergency('a', 0, 1), NOW)).toBe('in_force');
    expect(emergencyPhase(emergency('a', -1, 0), NOW)).toBe('over');
    expect(emergencyPhase(emergency('a', 0.5, 2), NOW)).toBe('planned');
  });

  it('splits the list: in force ending soonest first, planned starting soonest first, the latest over', () => {
    const list = [
      emergency('late', -2, 5),
      emergency('soon', -1, 1),
      emergency('next', 3, 6),
      emergency('first', 1, 6),
      ...Array.from({ length: 7 }, (_, i) => emergency(`old${i}`, -20, -10 + i)),
    ];
    const s = splitEmergencies(list, NOW);
    expect(s.inForce.map((e) => e.id)).toEqual(['soon', 'late']);
    expect(s.planned.map((e) => e.id)).toEqual(['first', 'next']);
    expect(s.over.map((e) => e.id)).toEqual(['old6', 'old5', 'old4', 'old3', 'old2']);
  });

  it('toggles zones in and out of the selection', () => {
    expect(toggleZone([], 'A')).toEqual(['A']);
    expect(toggleZone(['A', 'B'], 'A')).toEqual(['B']);
  });

  it('checks the window as the API does (7 days at most)', () => {
    expect(windowProblem(null, at(1), NOW)).toBe('needWindow');
    expect(windowProblem(at(1), at(1), NOW)).toBe('endsBeforeStart');
    expect(windowProblem(at(-5), at(-1), NOW)).toBe('endsInPast');
    expect(windowProblem(at(0), at(7 * 24), NOW)).toBeNull();
    expect(windowProblem(at(0), at(7 * 24 + 0.01), NOW)).toBe('tooLong');
    // Backdated starts are allowed (a storm that began before anyone declared it).
    expect(windowProblem(at(-3), at(3), NOW)).toBeNull();
  });

  it('groups zones by district in name order', () => {
    const z = (id: string, district: string) => ({ id, name: id, district, zoneClass: 'urban' as const });
    expect(
      zonesByDistrict([z('b', '芙蓉区'), z('a', '芙蓉区'), z('c', '岳麓区')]).map(([d, zs]) => [
        d,
        zs.map((x) => x.id),
      ]),
    ).toEqual([
      ['芙蓉区', ['a', 'b']],
      ['岳麓区', ['c']],
    ]);
  });
});
