import {
  type Clock as ApiClock,
  CLOCK_URGENCY,
  type ClockKind,
  type ClockState,
  compareClockUrgency,
  isOpenStatus,
  type Ticket,
  type TicketStatus,
  type TicketType,
} from '@gd/domain';
import { type CompiledClock, type CompiledEvaluation, compileClock, evaluateCompiled } from '@gd/sla';
import { type ClockView, clockView, toSlaClock } from '@gd/web';

/** The SLA state an order is drawn with: its most urgent clock (evaluated by @gd/sla), or `none` without clocks. */
export type OrderSlaState = ClockState | 'none';

export interface OrderSla {
  state: OrderSlaState;
  kind: ClockKind | null;
  remainingMs: number;
}

/** Colours for order markers and the legend: red overdue, amber due soon, blue running, grey otherwise. */
export const ORDER_SLA_COLOR: Record<OrderSlaState, string> = {
  breached: '#d7191c',
  warning: '#fd8d3c',
  running: '#2c7bb6',
  paused: '#9e9ac8',
  met: '#66bd63',
  exempt: '#bdbdbd',
  none: '#636363',
};

/** Most urgent first: how a dispatcher reads the list (the clocks' order; an order with no clock after paused ones). */
export const SLA_URGENCY: Record<OrderSlaState, number> = {
  ...CLOCK_URGENCY,
  none: CLOCK_URGENCY.paused + 0.5,
};

/**
 * Compiled @gd/sla clocks, one per API clock object (tickets are replaced, never mutated, on update): the map
 * re-evaluates 10,000 orders every few seconds, so it compiles each clock once and then uses the fast path.
 * Same conversion and semantics as the shared `clockView`/`SlaBadge`, which it falls back to when a clock cannot
 * be compiled (a business-calendar clock sent without its stored form).
 */
const compiled = new WeakMap<ApiClock, CompiledClock | null>();
const scratch = {} as CompiledEvaluation;

export function clockAt(kind: ClockKind, clock: ApiClock, now: number): ClockView {
  let c = compiled.get(clock);
  if (c === undefined) {
    const sla = toSlaClock(kind, clock);
    try {
      c = sla ? compileClock(sla) : null;
    } catch {
      c = null;
    }
    compiled.set(clock, c);
  }
  if (!c) return clockView(kind, clock, now);
  const e = evaluateCompiled(c, now, scratch);
  const due = clock.dueAt ? Date.parse(clock.dueAt) : Number.NaN;
  const remainingMs = clock.stoppedAt
    ? due - Date.parse(clock.stoppedAt)
    : clock.pausedAt
      ? due - Date.parse(clock.pausedAt)
      : e.remainingMs;
  return { state: e.state, remainingMs };
}

export function orderSla(ticket: Ticket, now: number): OrderSla {
  let best: OrderSla | null = null;
  for (const [kind, clock] of Object.entries(ticket.sla ?? {}) as [ClockKind, ApiClock | undefined][]) {
    if (!clock) continue;
    const v = clockAt(kind, clock, now);
    if (!best || compareClockUrgency(v, best as { state: ClockState; remainingMs: number }) < 0) {
      best = { state: v.state, kind, remainingMs: v.remainingMs };
    }
  }
  return best ?? { state: 'none', kind: null, remainingMs: Number.POSITIVE_INFINITY };
}

/** An order is on the map while it is open and has a location. */
export function isMappable(t: Ticket): t is Ticket & { location: NonNullable<Ticket['location']> } {
  return isOpenStatus(t.status) && t.location !== null && Number.isFinite(t.location.lat);
}

export interface OrderFilter {
  district: string;
  orderType: TicketType | '';
  orderStatus: TicketStatus | '';
  slaState: OrderSlaState | '';
}

export const EMPTY_ORDER_FILTER: OrderFilter = { district: '', orderType: '', orderStatus: '', slaState: '' };

export function orderMatches(t: Ticket, sla: OrderSla, f: OrderFilter): boolean {
  if (f.district && t.district !== f.district) return false;
  if (f.orderType && t.type !== f.orderType) return false;
  if (f.orderStatus && t.status !== f.orderStatus) return false;
  if (f.slaState && sla.state !== f.slaState) return false;
  return true;
}

export interface OrderRow {
  ticket: Ticket;
  sla: OrderSla;
}

/** Breached (most overdue first), then due soon, then running by time left; ties by order number. */
export function compareUrgency(a: OrderRow, b: OrderRow): number {
  return (
    SLA_URGENCY[a.sla.state] - SLA_URGENCY[b.sla.state] ||
    a.sla.remainingMs - b.sla.remainingMs ||
    a.ticket.number.localeCompare(b.ticket.number)
  );
}

/**
 * One pass over the open orders: their SLA at `now`, the filtered rows sorted by urgency, and counts by SLA
 * state (of the filtered rows) for the legend.
 */
export function summariseOrders(
  tickets: Iterable<Ticket>,
  now: number,
  filter: OrderFilter,
): { rows: OrderRow[]; counts: Record<OrderSlaState, number> } {
  const counts: Record<OrderSlaState, number> = {
    breached: 0,
    warning: 0,
    running: 0,
    paused: 0,
    met: 0,
    exempt: 0,
    none: 0,
  };
  const rows: OrderRow[] = [];
  for (const ticket of tickets) {
    if (!isMappable(ticket)) continue;
    const sla = orderSla(ticket, now);
    if (!orderMatches(ticket, sla, filter)) continue;
    counts[sla.state]++;
    rows.push({ ticket, sla });
  }
  rows.sort(compareUrgency);
  return { rows, counts };
}

/**
 * A cheap fingerprint of which orders are shown in which state (and where): the cluster index is rebuilt only
 * when it changes, not on every recount.
 */
export function rowsSignature(rows: readonly OrderRow[]): string {
  let h = 0x811c9dc5;
  const mix = (n: number) => {
    h ^= n;
    h = Math.imul(h, 0x01000193);
  };
  for (const r of rows) {
    const id = r.ticket.id;
    for (let i = 0; i < id.length; i++) mix(id.charCodeAt(i));
    mix(SLA_URGENCY[r.sla.state]);
    mix(Math.round((r.ticket.location?.lat ?? 0) * 1e5));
    mix(Math.round((r.ticket.location?.lng ?? 0) * 1e5));
  }
  return `${rows.length}:${(h >>> 0).toString(36)}`;
}
