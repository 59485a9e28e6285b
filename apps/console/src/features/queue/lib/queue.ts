import { isOpenStatus, type Ticket, type TicketStatus, type TicketType, type User } from '@gd/domain';
import { type ClockView, mostUrgentClock } from '@gd/web';
import type { TicketFilter } from '../../tickets/api/get-tickets.js';

/**
 * mine: the orders I answer for as first responder; owned: the orders I hold now (handed to me, or mine not yet
 * passed on); team: my team's; open; unassigned; breaching: a running clock in its warning or past due.
 */
export const QUEUES = ['mine', 'owned', 'team', 'open', 'unassigned', 'breaching'] as const;
export type QueueName = (typeof QUEUES)[number];

/** The queues a user gets: the team's only for a member of a team. */
export function queuesFor(user: Pick<User, 'team'> | null): QueueName[] {
  return QUEUES.filter((q) => q !== 'team' || Boolean(user?.team));
}

/** The API filter behind each queue (finished orders are also dropped client-side by {@link sortQueue}). */
export function queueFilter(queue: QueueName, userId: string): TicketFilter {
  const base = { pageSize: 200 };
  switch (queue) {
    case 'mine':
      return { ...base, firstResponderId: userId, open: true };
    case 'owned':
      return { ...base, ownerId: userId, open: true };
    case 'team':
      return { ...base, team: 'mine', open: true };
    case 'unassigned':
      return { ...base, status: 'accepted' };
    case 'breaching':
      return { ...base, breaching: true };
    default:
      return { ...base, open: true };
  }
}

export interface QueueRow {
  ticket: Ticket;
  urgent: { kind: string; view: ClockView } | null;
}

function bucket(row: QueueRow): number {
  const s = row.urgent?.view.state;
  if (s === 'breached' || s === 'warning' || s === 'running') return 0;
  if (s === 'paused') return 1;
  return 2;
}

/**
 * The open orders of a queue, closest to breach first: live clocks by time left (overdue ones first, the most
 * overdue on top), then paused clocks, then orders with no live clock; ties oldest first.
 */
export function sortQueue(tickets: readonly Ticket[], now: number): QueueRow[] {
  const rows: QueueRow[] = tickets
    .filter((t) => isOpenStatus(t.status))
    .map((ticket) => {
      const u = mostUrgentClock(ticket.sla, now);
      return { ticket, urgent: u ? { kind: u.kind, view: u.view } : null };
    });
  return rows.sort((a, b) => {
    const ba = bucket(a);
    const bb = bucket(b);
    if (ba !== bb) return ba - bb;
    if (ba < 2 && a.urgent && b.urgent && a.urgent.view.remainingMs !== b.urgent.view.remainingMs) {
      return a.urgent.view.remainingMs - b.urgent.view.remainingMs;
    }
    return a.ticket.createdAt.localeCompare(b.ticket.createdAt);
  });
}

export interface QueueSearch {
  /** Words to find in the number, customer, phone, address or description (all must match). */
  text: string;
  type: TicketType | '';
  status: TicketStatus | '';
}

/**
 * The rows matching an agent's search and filters, in the queue's order. Text is matched case-insensitively, each
 * word on its own, against what the row shows (a phone also by its digits: 1381234 finds +86 138 1234 5678).
 */
export function searchQueue(rows: readonly QueueRow[], search: QueueSearch): QueueRow[] {
  const words = search.text.trim().toLowerCase().split(/\s+/).filter(Boolean);
  return rows.filter(({ ticket }) => {
    if (search.type && ticket.type !== search.type) return false;
    if (search.status && ticket.status !== search.status) return false;
    if (words.length === 0) return true;
    const haystack = [
      ticket.number,
      ticket.customerName,
      ticket.customerPhone,
      ticket.customerPhone?.replace(/\D/g, '').replace(/^86/, ''),
      ticket.address,
      ticket.district,
      ticket.description,
    ]
      .filter(Boolean)
      .join(' ')
      .toLowerCase();
    return words.every((w) => haystack.includes(w));
  });
}
