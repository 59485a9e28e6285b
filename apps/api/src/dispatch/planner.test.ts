import type { CrewSkill, CrewStatus, PlanCrew, RankCrew } from '@gd/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { busyOf, byUrgency, type PlanOrder, planBatch } from './planner.js';

const now = new Date('2026-07-10T20:00:00+08:00');
const site = { lat: 28.2, lng: 112.95 };
const north = (km: number) => ({ lat: site.lat + km / 111.195, lng: site.lng });
const minutes = (m: number) => new Date(now.getTime() + m * 60_000);

const crew = (
  id: string,
  km: number,
  o: { status?: CrewStatus; skills?: CrewSkill[]; shift?: { start: string; end: string } } = {},
): RankCrew => ({
  id,
  skills: o.skills ?? ['cable', 'distribution'],
  status: o.status ?? 'available',
  position: north(km),
  depot: north(km),
  shift: o.shift ?? null,
});
const order = (id: string, o: Partial<PlanOrder> = {}): PlanOrder => ({
  ticketId: id,
  location: site,
  zoneClass: 'urban',
  requiredSkills: ['cable'],
  priority: 'normal',
  sensitive: false,
  arrivalDueAt: minutes(30),
  restorationDueAt: minutes(240),
  waitingSince: minutes(-5),
  ...o,
});
const plan = (orders: PlanOrder[], crews: PlanCrew[]) =>
  planBatch({ orders, crews, now, timeZone: 'Asia/Shanghai' });

describe('planBatch (greedy stand-in)', () => {
  it('gives the nearest free crew to the most urgent order first, each crew once', () => {
    const p = plan(
      [
        order('late-due', { arrivalDueAt: minutes(25) }),
        order('urgent', { priority: 'urgent' }),
        order('soon'),
      ],
      [crew('near', 1), crew('far', 8), crew('mid', 3)],
    );
    expect(p.assignments.map((a) => [a.ticketId, a.crewId])).toEqual([
      ['urgent', 'near'],
      ['late-due', 'mid'],
      ['soon', 'far'],
    ]);
    expect(p.waiting).toEqual([]);
    expect(p.assignments[0]).toMatchObject({ meetsArrivalSla: true });
    expect(p.assignments[0]!.etaMinutes).toBeGreaterThan(5);
  });

  it('never sends an off-duty, busy or unskilled crew, and says why an order waits', () => {
    const p = plan(
      [
        order('cable'),
        order('line', { requiredSkills: ['overhead_line'] }),
        order('metering', { requiredSkills: ['metering'] }),
        order('nowhere', { location: null }),
      ],
      [
        crew('off', 1, { status: 'off_duty' }),
        crew('busy', 1, { status: 'en_route' }),
        crew('liner', 2, { skills: ['overhead_line'], status: 'off_duty' }),
      ],
    );
    expect(p.assignments).toEqual([]);
    expect(Object.fromEntries(p.waiting.map((w) => [w.ticketId, w.reason]))).toEqual({
      cable: 'crews_busy',
      line: 'no_crew_on_duty',
      metering: 'no_skilled_crew',
      nowhere: 'no_location',
    });
  });

  it('an order left without a crew because a more urgent one took the last is marked so', () => {
    const p = plan([order('a', { priority: 'high' }), order('b')], [crew('only', 1)]);
    expect(p.assignments).toEqual([expect.objectContaining({ ticketId: 'a', crewId: 'only' })]);
    expect(p.waiting).toEqual([{ ticketId: 'b', reason: 'crews_taken' }]);
  });

  it('keeps shifts: a crew off shift in the configured zone is not sent', () => {
    // 20:00 in Shanghai: a day shift 08:00–17:00 is over.
    const p = plan([order('x')], [crew('day', 1, { shift: { start: '08:00', end: '17:00' } })]);
    expect(p.waiting).toEqual([{ ticketId: 'x', reason: 'off_shift' }]);
    const night = plan([order('x')], [crew('night', 1, { shift: { start: '18:00', end: '06:00' } })]);
    expect(night.assignments.map((a) => a.crewId)).toEqual(['night']);
  });

  it('sensitive customers go before others of the same priority', () => {
    const sorted = [order('plain'), order('hospital', { sensitive: true })].sort(byUrgency);
    expect(sorted.map((o) => o.ticketId)).toEqual(['hospital', 'plain']);
  });

  it('property: no crew twice, only available crews with the skills, every order planned or waiting once', () => {
    const skills: CrewSkill[] = ['cable', 'distribution', 'overhead_line'];
    const statuses: CrewStatus[] = ['available', 'available', 'off_duty', 'dispatched', 'on_site'];
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            km: fc.double({ min: 0, max: 30, noNaN: true }),
            status: fc.constantFrom(...statuses),
            skills: fc.subarray(skills, { minLength: 1 }),
          }),
          { maxLength: 12 },
        ),
        fc.array(
          fc.record({
            km: fc.double({ min: 0, max: 30, noNaN: true }),
            skills: fc.subarray(skills, { maxLength: 2 }),
            priority: fc.constantFrom('urgent' as const, 'high' as const, 'normal' as const),
            dueMin: fc.integer({ min: -30, max: 90 }),
          }),
          { maxLength: 15 },
        ),
        (cs, os) => {
          const crews = cs.map((c, i) => crew(`c${i}`, c.km, { status: c.status, skills: c.skills }));
          const orders = os.map((o, i) =>
            order(`o${i}`, {
              location: north(o.km),
              requiredSkills: o.skills,
              priority: o.priority,
              arrivalDueAt: minutes(o.dueMin),
            }),
          );
          const p = plan(orders, crews);
          const used = p.assignments.map((a) => a.crewId);
          expect(new Set(used).size).toBe(used.length);
          for (const a of p.assignments) {
            const c = crews.find((x) => x.id === a.crewId)!;
            const o = orders.find((x) => x.ticketId === a.ticketId)!;
            expect(c.status).toBe('available');
            expect(o.requiredSkills.every((s) => c.skills.includes(s))).toBe(true);
          }
          const ids = [...p.assignments, ...p.waiting].map((x) => x.ticketId).sort();
          expect(ids).toEqual(orders.map((o) => o.ticketId).sort());
          // No order waits while a free crew that could go stays unused, unless it is held back (its arrival
          // lost, its restoration able to wait: then no crew meets its arrival clock).
          const idle = crews.filter((c) => c.status === 'available' && !used.includes(c.id));
          for (const w of p.waiting) {
            if (w.reason === 'held_back') {
              expect(orders.find((x) => x.ticketId === w.ticketId)!.restorationDueAt).not.toBeNull();
              continue;
            }
            const o = orders.find((x) => x.ticketId === w.ticketId)!;
            expect(idle.some((c) => o.requiredSkills.every((s) => c.skills.includes(s)))).toBe(false);
          }
          expect(plan(orders, crews)).toEqual(p);
        },
      ),
    );
  });
});

describe('busyOf', () => {
  const job = {
    location: site,
    requiredSkills: ['distribution'],
    assignedAt: minutes(-10),
    etaMinutes: 25,
    restoredAt: null,
  };

  it('en route: on site at the ETA promised when assigned; an overdue ETA counts from now', () => {
    expect(busyOf({ ...job, status: 'en_route', arrivedAt: null }, now)).toEqual({
      location: site,
      onSiteAt: minutes(15),
      orderType: 'low_voltage',
    });
    expect(busyOf({ ...job, status: 'en_route', etaMinutes: 5, arrivedAt: null }, now)?.onSiteAt).toEqual(
      now,
    );
  });

  it('on site: since its arrival; power restored: free since then (a crew that never completes overruns)', () => {
    expect(busyOf({ ...job, status: 'on_site', arrivedAt: minutes(-30) }, now)?.onSiteAt).toEqual(
      minutes(-30),
    );
    expect(
      busyOf({ ...job, status: 'restored', arrivedAt: minutes(-30), restoredAt: minutes(-2) }, now)?.freeAt,
    ).toEqual(minutes(-2));
  });

  it('a held order waits for a crew free soon nearby, not for one free past the hold horizon', () => {
    const busyCrew = (arrivedAgo: number) => ({
      ...crew('busy', 0, { status: 'on_site' }),
      busy: busyOf({ ...job, status: 'on_site', arrivedAt: minutes(-arrivedAgo) }, now),
    });
    const far = crew('far', 15);
    // Distribution repair: 45 min expected. On site for 40: free in 5, on the spot in time.
    expect(plan([order('A', { requiredSkills: ['distribution'] })], [busyCrew(40), far]).waiting).toEqual([
      {
        ticketId: 'A',
        reason: 'held_for_busy_crew',
        proposedCrewId: 'busy',
        proposedEtaMinutes: 10,
        freeInMinutes: 5,
      },
    ]);
    // Arrived just now: free in 45, too late for the arrival clock like the far crew: the free crew is sent.
    expect(plan([order('A', { requiredSkills: ['distribution'] })], [busyCrew(0), far]).assignments).toEqual([
      expect.objectContaining({ ticketId: 'A', crewId: 'far' }),
    ]);
  });
});
