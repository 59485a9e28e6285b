import type { Ticket } from '@gd/domain';
import { api } from '@gd/web';
import { useTicketMutation } from './_mutations.js';

/** `POST /api/tickets/:id/urge`: a follow-up call (催办) on an open order; the first responder is notified. */
export function urgeTicket(id: string, body: { callId?: string; note?: string }): Promise<Ticket> {
  return api<Ticket>(`/tickets/${id}/urge`, { method: 'POST', body });
}

export function useUrgeTicket() {
  return useTicketMutation(({ id, ...body }: { id: string; callId?: string; note?: string }) =>
    urgeTicket(id, body),
  );
}
