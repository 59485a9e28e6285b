import type { CrewReport, Ticket, TicketStatus, TransitionInput } from '@gd/domain';
import { api } from '@gd/web';
import { useTicketMutation } from './_mutations.js';

/** `POST /api/tickets/:id/transition`: 409 when the status machine or the role refuses. */
export function transitionTicket(id: string, body: TransitionInput): Promise<Ticket> {
  return api<Ticket>(`/tickets/${id}/transition`, { method: 'POST', body });
}

export function useTransitionTicket() {
  return useTicketMutation(({ id, ...body }: TransitionInput & { id: string }) => transitionTicket(id, body));
}

export type { TransitionInput };
