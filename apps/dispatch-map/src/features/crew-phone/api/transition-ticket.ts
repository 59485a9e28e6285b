import type { CrewReport, Ticket, TicketStatus, TransitionInput } from '@gd/domain';
import { api } from '@gd/web';

/** Sent through the outbox (see hooks/useOutbox), so there is no react-query mutation hook here. */
export const transitionTicket = (ticketId: string, input: TransitionInput) =>
  api<Ticket>(`/tickets/${encodeURIComponent(ticketId)}/transition`, { method: 'POST', body: input });

export type { TransitionInput };
