import type { Ticket } from '@gd/domain';
import { api } from '@gd/web';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { mergeTicket } from './merge-ticket.js';

export interface MergeSuggestion {
  suggested: boolean;
  masterId: string | null;
  tickets: Ticket[];
}

/** `GET /api/tickets/:id/merge-suggestions`: fault orders from around this one in a short window, and their master. */
export function getMergeSuggestions(id: string, signal?: AbortSignal): Promise<MergeSuggestion> {
  return api<MergeSuggestion>(`/tickets/${id}/merge-suggestions`, { signal });
}

export function useMergeSuggestions(id: string, enabled: boolean) {
  return useQuery({
    queryKey: ['tickets', 'merge-suggestions', id],
    queryFn: ({ signal }) => getMergeSuggestions(id, signal),
    enabled,
  });
}

/** Merges each order of a suggestion into its master, one after the other (each is its own transaction). */
export function useMergeCluster() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ masterId, ids }: { masterId: string; ids: string[] }) => {
      for (const id of ids) await mergeTicket(id, { parentId: masterId });
    },
    onSettled: () => void qc.invalidateQueries({ queryKey: ['tickets'] }),
  });
}
