import type { Candidate } from '@gd/domain';
import { api } from '@gd/web';
import { useQuery } from '@tanstack/react-query';

export const getCandidates = (ticketId: string) =>
  api<Candidate[]>(`/tickets/${encodeURIComponent(ticketId)}/candidates`);

/** Crews ranked for an order, best first (refreshed while the panel is open: crews move). */
export function useCandidates(ticketId: string | null) {
  return useQuery({
    queryKey: ['candidates', ticketId],
    enabled: ticketId !== null,
    queryFn: () => getCandidates(ticketId!),
    refetchInterval: 20_000,
    retry: false,
  });
}
