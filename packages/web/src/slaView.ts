import {
  type Clock as ApiClock,
  type ClockKind,
  type ClockState,
  compareClockUrgency,
  type TicketSla,
} from '@gd/domain';
import { evaluateClock, type Clock as SlaClock } from '@gd/sla';

/** What a badge shows for one clock at `now`. */
export interface ClockView {
  state: ClockState;
  /** Wall ms to the due time (negative when overdue); for a stopped clock, its margin when it stopped. */
  remainingMs: number;
}

const ms = (iso: string) => new Date(iso).getTime();

/** The API passes the stored @gd/sla clock through when it can; then the badge evaluates exactly that. */
function rawSlaClock(kind: ClockKind, c: ApiClock): SlaClock | null {
  const r = c as ApiClock & Partial<SlaClock>;
  if (typeof r.budgetMs !== 'number' || !Array.isArray(r.pauses) || typeof r.rawDueAt !== 'string')
    return null;
  return {
    kind: r.kind ?? kind,
    calendar: r.calendar ?? 'wall',
    judgedOn: r.judgedOn ?? 'each',
    startedAt: r.startedAt,
    budgetMs: r.budgetMs,
    rawDueAt: r.rawDueAt,
    dueAt: r.dueAt ?? null,
    pauses: r.pauses,
    stoppedAt: r.stoppedAt ?? null,
    exempt: r.exempt ?? null,
    breachedAt: r.breachedAt ?? null,
  };
}

/**
 * The @gd/sla clock equivalent to an API clock on the wall calendar that is not inside a pause: budget = due −
 * start − paused time, the past pauses folded into one pause at the start (the counted time is the same at every
 * later instant). Returns null for business-calendar clocks (they cannot be rebuilt without the server's stored
 * form) and for open pauses (the API's `pausedMs` then includes the open pause up to the server's clock).
 */
export function toSlaClock(kind: ClockKind, c: ApiClock): SlaClock | null {
  const raw = rawSlaClock(kind, c);
  if (raw) return raw;
  // A clock paused with no open pause is inside an emergency's window (a pause with both ends, set ahead): folding
  // its pauses into one at the start would show it running. The server's state stands for it.
  if (c.calendar === 'business' || !c.dueAt || c.pausedAt || c.state === 'paused') return null;
  const started = ms(c.startedAt);
  const pausedMs = c.pausedMs ?? 0;
  const due = ms(c.dueAt);
  if (!Number.isFinite(started) || !Number.isFinite(due)) return null;
  const pauses: SlaClock['pauses'] =
    pausedMs > 0
      ? [
          {
            from: c.startedAt,
            to: new Date(started + pausedMs).toISOString(),
            reason: 'customer_appointment',
          },
        ]
      : [];
  return {
    kind,
    calendar: 'wall',
    judgedOn: 'each',
    startedAt: c.startedAt,
    budgetMs: due - started - pausedMs,
    rawDueAt: new Date(due - pausedMs).toISOString(),
    dueAt: c.dueAt,
    pauses,
    stoppedAt: c.stoppedAt,
    exempt: c.state === 'exempt' ? { reason: 'exempt', at: c.stoppedAt ?? c.startedAt } : null,
    breachedAt: c.breachedAt,
  };
}

/**
 * The state and countdown of an API clock at `now`, through @gd/sla's `evaluateClock` so the badge agrees with
 * the server. Business-calendar clocks sent without their stored form, and paused clocks (by hand or by an area
 * emergency), fall back to the
 * server's own instants (`dueAt`, `warningAt`, `pausedAt`).
 */
export function clockView(kind: ClockKind, c: ApiClock, now: number): ClockView {
  const due = c.dueAt ? ms(c.dueAt) : Number.NaN;
  const sla = toSlaClock(kind, c);
  if (sla) {
    try {
      const e = evaluateClock(sla, now);
      const stopped = c.stoppedAt ? ms(c.stoppedAt) : null;
      const pausedAt = c.pausedAt ? ms(c.pausedAt) : null;
      const remainingMs =
        stopped !== null ? due - stopped : pausedAt !== null ? due - pausedAt : e.remainingMs;
      return { state: e.state, remainingMs };
    } catch {
      // malformed clock: fall through to the server's word
    }
  }
  if (c.state === 'exempt' || c.state === 'met' || (c.stoppedAt && c.state === 'breached')) {
    return { state: c.state, remainingMs: c.stoppedAt ? due - ms(c.stoppedAt) : due - now };
  }
  if (c.pausedAt || c.state === 'paused') {
    return { state: 'paused', remainingMs: due - (c.pausedAt ? ms(c.pausedAt) : now) };
  }
  if (now >= due) return { state: 'breached', remainingMs: due - now };
  if (c.warningAt && now >= ms(c.warningAt)) return { state: 'warning', remainingMs: due - now };
  return { state: c.state === 'warning' ? 'warning' : 'running', remainingMs: due - now };
}

/** The clock that matters most now: the live one closest to (or furthest past) its due time. */
export function mostUrgentClock(
  sla: Partial<Record<ClockKind, ApiClock>> | null | undefined,
  now: number,
): { kind: ClockKind; clock: ApiClock; view: ClockView } | null {
  let best: { kind: ClockKind; clock: ApiClock; view: ClockView } | null = null;
  for (const [kind, clock] of Object.entries(sla ?? {}) as [ClockKind, ApiClock | undefined][]) {
    if (!clock) continue;
    const view = clockView(kind, clock, now);
    if (!best || compareClockUrgency(view, best.view) < 0) {
      best = { kind, clock, view };
    }
  }
  return best;
}

/** The clocks of an order one may ask to pause: still counting (not stopped, paused, met or exempt), arrival first. */
export function pausableClocks(sla: TicketSla): ClockKind[] {
  const order: ClockKind[] = ['arrival', 'restoration', 'response', 'resolution'];
  return order.filter((k) => {
    const c = sla[k];
    return c && !c.stoppedAt && c.state !== 'paused' && c.state !== 'exempt' && c.state !== 'met';
  });
}
