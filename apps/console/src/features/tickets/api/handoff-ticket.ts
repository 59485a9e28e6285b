import type { Ticket } from '@gd/domain';
import { api } from '@gd/web';
import { useTicketMutation } from './_mutations.js';

/** `POST /api/tickets/:id/handoff`: the owner changes, the first responder never does. */
export function handoffTicket(id: string, body: { toUserId: string; reason: string }): Promise<Ticket> {
  return api<Ticket>(`/tickets/${id}/handoff`, { method: 'POST', body });
}

export function useHandoffTicket() {
  return useTicketMutation(({ id, ...body }: { id: string; toUserId: string; reason: string }) =>
    handoffTicket(id, body),
  );
}
