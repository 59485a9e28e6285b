import type { Clock, Crew, Ticket } from '@gd/domain';

export const NOW = Date.parse('2026-11-22T02:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();
const MIN = 60_000;

/** A running wall clock that started `startedMinAgo` minutes before NOW with a budget of `budgetMin`. */
export function clock(startedMinAgo: number, budgetMin: number, over: Partial<Clock> = {}): Clock {
  const started = NOW - startedMinAgo * MIN;
  return {
    startedAt: iso(started),
    dueAt: iso(started + budgetMin * MIN),
    state: 'running',
    stoppedAt: null,
    pausedMs: 0,
    breachedAt: null,
    calendar: 'wall',
    ...over,
  };
}

let seq = 0;
export function ticket(over: Partial<Ticket> = {}): Ticket {
  seq++;
  return {
    id: `t${seq}`,
    number: `GD20261122${String(seq).padStart(6, '0')}`,
    type: 'fault_repair',
    status: 'accepted',
    priority: 'normal',
    description: '停电',
    customerId: null,
    location: { lat: 28.2, lng: 112.95 },
    address: '岳麓区麓山南路 1 号',
    zoneClass: 'urban',
    district: '岳麓区',
    firstResponderId: 'u1',
    ownerId: 'u1',
    crewId: null,
    outageId: null,
    parentId: null,
    urgeCount: 0,
    reopenCount: 0,
    requiredSkills: [],
    report: null,
    resolution: null,
    createdAt: iso(NOW - 10 * MIN),
    dispatchedAt: null,
    acknowledgedAt: null,
    arrivedAt: null,
    arrivalManual: false,
    restoredAt: null,
    completedAt: null,
    closedAt: null,
    sla: { arrival: clock(10, 30), restoration: clock(10, 240) },
    ...over,
  };
}

export function crew(over: Partial<Crew> = {}): Crew {
  return {
    id: 'c1',
    name: '岳麓抢修一班',
    skills: ['distribution'],
    status: 'available',
    depot: { lat: 28.2, lng: 112.9 },
    position: { lat: 28.2, lng: 112.9, at: iso(NOW) },
    ticketId: null,
    ...over,
  };
}
