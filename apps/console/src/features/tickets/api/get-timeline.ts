import type { TimelineEntry } from '@gd/domain';
import { api } from '@gd/web';
import { useQuery } from '@tanstack/react-query';

/** `GET /api/tickets/:id/timeline`. */
export function getTimeline(id: string, signal?: AbortSignal): Promise<TimelineEntry[]> {
  return api<TimelineEntry[]>(`/tickets/${id}/timeline`, { signal });
}

export function useTimeline(id: string | undefined) {
  return useQuery({
    queryKey: ['tickets', 'timeline', id],
    queryFn: ({ signal }) => getTimeline(id as string, signal),
    enabled: Boolean(id),
  });
}
