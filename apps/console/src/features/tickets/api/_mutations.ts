import type { Ticket } from '@gd/domain';
import { type QueryClient, useMutation, useQueryClient } from '@tanstack/react-query';

/** After a ticket changed: store the new copy and refresh lists and its timeline. */
export function ticketChanged(qc: QueryClient, ticket: Ticket) {
  qc.setQueryData(['tickets', 'one', ticket.id], ticket);
  void qc.invalidateQueries({ queryKey: ['tickets', 'list'] });
  void qc.invalidateQueries({ queryKey: ['tickets', 'timeline', ticket.id] });
}

export function useTicketMutation<V>(fn: (v: V) => Promise<Ticket>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: (t) => ticketChanged(qc, t) });
}
