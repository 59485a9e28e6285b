import type { Ticket } from '@gd/domain';
import { api } from '@gd/web';
import { useMutation, useQueryClient } from '@tanstack/react-query';

export const dispatchTicket = (ticketId: string, crewId?: string) =>
  api<Ticket>(`/tickets/${encodeURIComponent(ticketId)}/dispatch`, {
    method: 'POST',
    body: crewId ? { crewId } : {},
  });

export function useDispatchTicket(onDispatched?: (t: Ticket) => void) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ ticketId, crewId }: { ticketId: string; crewId?: string }) =>
      dispatchTicket(ticketId, crewId),
    onSuccess: (ticket) => {
      onDispatched?.(ticket);
      void qc.invalidateQueries({ queryKey: ['candidates', ticket.id] });
    },
  });
}
