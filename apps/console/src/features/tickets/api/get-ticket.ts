import type { Ticket } from '@gd/domain';
import { api } from '@gd/web';
import { useQuery } from '@tanstack/react-query';

/** `GET /api/tickets/:id`. */
export function getTicket(id: string, signal?: AbortSignal): Promise<Ticket> {
  return api<Ticket>(`/tickets/${id}`, { signal });
}

export function useTicket(id: string | undefined) {
  return useQuery({
    queryKey: ['tickets', 'one', id],
    queryFn: ({ signal }) => getTicket(id as string, signal),
    enabled: Boolean(id),
  });
}
