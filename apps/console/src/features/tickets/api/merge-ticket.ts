import type { Ticket } from '@gd/domain';
import { api } from '@gd/web';
import { useTicketMutation } from './_mutations.js';

/** `POST /api/tickets/:id/merge`: the order becomes a child (`merged`) of its master. */
export function mergeTicket(id: string, body: { parentId: string }): Promise<Ticket> {
  return api<Ticket>(`/tickets/${id}/merge`, { method: 'POST', body });
}

export function useMergeTicket() {
  return useTicketMutation(({ id, parentId }: { id: string; parentId: string }) =>
    mergeTicket(id, { parentId }),
  );
}
