import type { Clock, Ticket } from '@gd/domain';
import { describe, expect, it } from 'vitest';
import { queueFilter, queuesFor, searchQueue, sortQueue } from './queue.js';

const NOW = Date.parse('2026-11-22T10:00:00+08:00');
const iso = (minFromNow: number) => new Date(NOW + minFromNow * 60_000).toISOString();

function clock(startMin: number, dueMin: number, extra: Partial<Clock> = {}): Clock {
  return {
    startedAt: iso(startMin),
    dueAt: iso(dueMin),
    state: 'running',
    stoppedAt: null,
    pausedMs: 0,
    breachedAt: null,
    calendar: 'wall',
    ...extra,
  };
}

function ticket(id: string, over: Partial<Ticket> = {}): Ticket {
  return {
    id,
    number: `GD20261122${id.padStart(6, '0')}`,
    type: 'fault_repair',
    status: 'accepted',
    priority: 'normal',
    description: '',
    customerId: null,
    location: null,
    address: null,
    zoneClass: 'urban',
    district: null,
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
    createdAt: iso(-60),
    dispatchedAt: null,
    acknowledgedAt: null,
    arrivedAt: null,
    arrivalManual: false,
    restoredAt: null,
    completedAt: null,
    closedAt: null,
    sla: {},
    ...over,
  };
}

describe('sortQueue', () => {
  it('puts the order closest to breach first, overdue ones on top, and drops finished orders', () => {
    const rows = sortQueue(
      [
        ticket('1', { sla: { arrival: clock(-10, 20) } }), // 20 min left
        ticket('2', { sla: { arrival: clock(-40, -10) } }), // 10 min overdue
        ticket('3', { sla: { arrival: clock(-25, 5), restoration: clock(-25, 215) } }), // 5 min left
        ticket('4', { sla: {}, createdAt: iso(-300) }), // no clock
        ticket('5', { status: 'closed', sla: { arrival: clock(-100, -90) } }),
        ticket('6', { sla: { arrival: clock(-50, -5) } }), // 5 min overdue
        ticket('7', { sla: { arrival: clock(-50, 10, { pausedAt: iso(-2), state: 'paused' }) } }),
      ],
      NOW,
    );
    expect(rows.map((r) => r.ticket.id)).toEqual(['2', '6', '3', '1', '7', '4']);
    expect(rows[0]?.urgent?.view.state).toBe('breached');
    expect(rows[2]?.urgent).toMatchObject({
      kind: 'arrival',
      view: { state: 'warning', remainingMs: 5 * 60_000 },
    });
  });

  it('ranks a met clock below live ones and keeps oldest first among orders with no live clock', () => {
    const met = clock(-30, 0, { stoppedAt: iso(-5), state: 'met' });
    const rows = sortQueue(
      [
        ticket('a', { createdAt: iso(-10), sla: { arrival: met } }),
        ticket('b', { createdAt: iso(-20) }),
        ticket('c', { sla: { resolution: clock(-10, 2000) } }),
      ],
      NOW,
    );
    expect(rows.map((r) => r.ticket.id)).toEqual(['c', 'b', 'a']);
  });
});

describe('queueFilter', () => {
  it('maps each queue to its API filter', () => {
    expect(queueFilter('mine', 'me')).toMatchObject({ firstResponderId: 'me', open: true });
    expect(queueFilter('owned', 'me')).toEqual({ ownerId: 'me', open: true, pageSize: 200 });
    expect(queueFilter('unassigned', 'me')).toMatchObject({ status: 'accepted' });
    expect(queueFilter('breaching', 'me')).toMatchObject({ breaching: true });
    expect(queueFilter('open', 'me')).toEqual({ open: true, pageSize: 200 });
    expect(queueFilter('team', 'me')).toEqual({ team: 'mine', open: true, pageSize: 200 });
  });

  it("offers the team's queue, after mine, only to a member of a team", () => {
    expect(queuesFor({ team: '一班' })).toEqual(['mine', 'owned', 'team', 'open', 'unassigned', 'breaching']);
    expect(queuesFor({ team: null })).toEqual(['mine', 'owned', 'open', 'unassigned', 'breaching']);
    expect(queuesFor(null)).not.toContain('team');
  });
});

describe('searchQueue', () => {
  const rows = sortQueue(
    [
      ticket('1', {
        customerName: '李雷',
        customerPhone: '+8613812345678',
        address: '芙蓉区五一大道1号',
        description: '整栋停电',
      }),
      ticket('2', {
        type: 'complaint',
        customerName: '韩梅梅',
        address: '岳麓区麓山南路2号',
        description: '电压低',
      }),
      ticket('3', { status: 'dispatched', customerName: null, address: null, description: '路口电杆倾斜' }),
    ],
    NOW,
  );
  const ids = (search: Partial<Parameters<typeof searchQueue>[1]>) =>
    searchQueue(rows, { text: '', type: '', status: '', ...search }).map((r) => r.ticket.id);

  it('finds by customer, address, phone digits, number and description, every word', () => {
    expect(ids({ text: '李雷' })).toEqual(['1']);
    expect(ids({ text: '麓山' })).toEqual(['2']);
    expect(ids({ text: '1381234' })).toEqual(['1']);
    expect(ids({ text: 'gd20261122000003' })).toEqual(['3']);
    expect(ids({ text: '芙蓉区 停电' })).toEqual(['1']);
    expect(ids({ text: '芙蓉区 电压' })).toEqual([]);
  });
  it('filters by type and status, and keeps the queue order', () => {
    expect(ids({ type: 'complaint' })).toEqual(['2']);
    expect(ids({ status: 'dispatched' })).toEqual(['3']);
    expect(ids({})).toEqual(rows.map((r) => r.ticket.id));
  });
});
