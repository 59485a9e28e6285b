import type { Ticket } from '@gd/domain';
import { api } from '@gd/web';
import { useQuery } from '@tanstack/react-query';

export const getTicket = (id: string) => api<Ticket>(`/tickets/${encodeURIComponent(id)}`);

export function useTicket(id: string | null) {
  return useQuery({
    queryKey: ['ticket', id],
    enabled: id !== null,
    queryFn: () => getTicket(id!),
    refetchInterval: 30_000,
  });
}
