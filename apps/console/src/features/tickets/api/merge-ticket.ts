import type { Ticket } from '@gd/domain';
import { api } from '@gd/web';
import { useTicketMutation } from './_mutations.js';
import { getTicket } from './get-ticket.js';

/** `POST /api/tickets/:id/merge`: the order becomes a child (`merged`) of its master. */
export function mergeTicket(id: string, body: { parentId: string }): Promise<Ticket> {
  return api<Ticket>(`/tickets/${id}/merge`, { method: 'POST', body });
}

/** Merges into the master order an agent names by its number (looked up first: a 404 means no such order). */
export async function mergeIntoNumber(id: string, masterNumber: string): Promise<Ticket> {
  const master = await getTicket(masterNumber);
  return mergeTicket(id, { parentId: master.id });
}

export function useMergeTicket() {
  return useTicketMutation(({ id, masterNumber }: { id: string; masterNumber: string }) =>
    mergeIntoNumber(id, masterNumber),
  );
}
