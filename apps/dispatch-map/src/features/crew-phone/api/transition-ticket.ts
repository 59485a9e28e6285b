import type { CrewReport, Ticket, TicketStatus } from '@gd/domain';
import { api } from '@gd/web';

export interface TransitionInput {
  to: TicketStatus;
  note?: string;
  report?: CrewReport;
}

/** Sent through the outbox (see hooks/useOutbox), so there is no react-query mutation hook here. */
export const transitionTicket = (ticketId: string, input: TransitionInput) =>
  api<Ticket>(`/tickets/${encodeURIComponent(ticketId)}/transition`, { method: 'POST', body: input });
