import { describe, expect, it } from 'vitest';
import { clock, NOW, ticket } from '../../../test/fixtures';
import { EMPTY_ORDER_FILTER, isMappable, orderSla, summariseOrders } from './orders';

describe('orderSla', () => {
  it('takes the most urgent clock, evaluated at now', () => {
    const t = ticket({ sla: { arrival: clock(25, 30), restoration: clock(25, 240) } });
    const s = orderSla(t, NOW);
    expect(s.kind).toBe('arrival');
    expect(s.state).toBe('warning'); // 5 minutes left of 30
    expect(s.remainingMs).toBe(5 * 60_000);
  });

  it('is breached past the due time even if the server last said running', () => {
    const s = orderSla(ticket({ sla: { arrival: clock(40, 30) } }), NOW);
    expect(s.state).toBe('breached');
    expect(s.remainingMs).toBe(-10 * 60_000);
  });

  it('moves on to restoration once arrival is met', () => {
    const arrival = clock(50, 30, { stoppedAt: new Date(NOW - 30 * 60_000).toISOString(), state: 'met' });
    const s = orderSla(ticket({ sla: { arrival, restoration: clock(50, 240) } }), NOW);
    expect(s.kind).toBe('restoration');
    expect(s.state).toBe('running');
  });

  it('is none for an order without clocks', () => {
    expect(orderSla(ticket({ sla: {} }), NOW)).toMatchObject({ state: 'none', kind: null });
  });
});

describe('isMappable', () => {
  it('needs an open status and a location', () => {
    expect(isMappable(ticket())).toBe(true);
    expect(isMappable(ticket({ location: null }))).toBe(false);
    expect(isMappable(ticket({ status: 'completed' }))).toBe(false);
    expect(isMappable(ticket({ status: 'closed' }))).toBe(false);
  });
});

describe('summariseOrders', () => {
  const overdue = ticket({ sla: { arrival: clock(45, 30) } });
  const veryOverdue = ticket({ sla: { arrival: clock(90, 30) } });
  const soon = ticket({ sla: { arrival: clock(28, 30) }, type: 'fault_repair', district: '长沙县' });
  const calm = ticket({ sla: { arrival: clock(1, 30) } });
  const inquiry = ticket({ type: 'inquiry', status: 'in_progress', sla: {} });
  const done = ticket({ status: 'completed' });
  const all = [calm, soon, overdue, inquiry, veryOverdue, done];

  it('sorts most overdue first and counts by state', () => {
    const { rows, counts } = summariseOrders(all, NOW, EMPTY_ORDER_FILTER);
    expect(rows.map((r) => r.ticket.id)).toEqual([veryOverdue.id, overdue.id, soon.id, calm.id, inquiry.id]);
    expect(counts).toMatchObject({ breached: 2, warning: 1, running: 1, none: 1 });
  });

  it('filters by district, type, status and SLA state', () => {
    expect(summariseOrders(all, NOW, { ...EMPTY_ORDER_FILTER, district: '长沙县' }).rows).toHaveLength(1);
    expect(
      summariseOrders(all, NOW, { ...EMPTY_ORDER_FILTER, orderType: 'inquiry' }).rows[0]?.ticket.id,
    ).toBe(inquiry.id);
    expect(
      summariseOrders(all, NOW, { ...EMPTY_ORDER_FILTER, orderStatus: 'in_progress' }).rows,
    ).toHaveLength(1);
    const breached = summariseOrders(all, NOW, { ...EMPTY_ORDER_FILTER, slaState: 'breached' });
    expect(breached.rows).toHaveLength(2);
    expect(breached.counts.running).toBe(0);
  });
});

describe('summariseOrders at scale', () => {
  // Speed is measured by the benchmarks (test/bench), never by a timed unit test; this checks the counts.
  it('evaluates 10,000 open orders', () => {
    const many = Array.from({ length: 10_000 }, (_, i) =>
      ticket({ sla: { arrival: clock(i % 60, 30), restoration: clock(i % 60, 240) } }),
    );
    summariseOrders(many, NOW, EMPTY_ORDER_FILTER); // compiles each clock once
    const { rows, counts } = summariseOrders(many, NOW + 1000, EMPTY_ORDER_FILTER);
    expect(rows).toHaveLength(10_000);
    expect(counts.breached + counts.warning + counts.running).toBe(10_000);
  });
});

describe('agreement with the shared badge', () => {
  it('gives the same state and countdown as @gd/web mostUrgentClock at many instants', async () => {
    const { mostUrgentClock } = await import('@gd/web');
    const tickets = [
      ticket({ sla: { arrival: clock(25, 30), restoration: clock(25, 240) } }),
      ticket({ sla: { arrival: clock(10, 30, { pausedMs: 5 * 60_000 }) } }),
      ticket({
        sla: { arrival: clock(10, 30, { pausedAt: new Date(NOW - 60_000).toISOString(), state: 'paused' }) },
      }),
      ticket({
        sla: {
          arrival: clock(50, 30, { stoppedAt: new Date(NOW - 5 * 60_000).toISOString(), state: 'breached' }),
        },
      }),
    ];
    for (const t of tickets) {
      for (let dt = -20; dt <= 40; dt += 3) {
        const at = NOW + dt * 60_000;
        const shared = mostUrgentClock(t.sla, at);
        const mine = orderSla(t, at);
        expect(mine.state).toBe(shared?.view.state);
        expect(mine.remainingMs).toBe(shared?.view.remainingMs);
      }
    }
  });
});

describe('rowsSignature', () => {
  it('changes when an order changes state, moves, appears or goes, and only then', async () => {
    const { rowsSignature } = await import('./orders');
    const a = ticket({ sla: { arrival: clock(10, 30) } });
    const b = ticket({ sla: { arrival: clock(10, 30) } });
    const at = (now: number, list = [a, b]) =>
      rowsSignature(summariseOrders(list, now, EMPTY_ORDER_FILTER).rows);
    expect(at(NOW)).toBe(at(NOW + 60_000)); // still running: same picture
    expect(at(NOW + 15 * 60_000)).not.toBe(at(NOW)); // both due soon now
    expect(at(NOW, [a])).not.toBe(at(NOW));
    const moved = { ...b, location: { lat: 28.3, lng: 113 } };
    expect(at(NOW, [a, moved])).not.toBe(at(NOW));
  });
});
