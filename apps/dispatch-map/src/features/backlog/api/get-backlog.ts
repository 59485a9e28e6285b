import type { BacklogEntry } from '@gd/domain';
import { api } from '@gd/web';
import { useQuery } from '@tanstack/react-query';

export const getBacklog = () => api<BacklogEntry[]>('/dispatch/backlog');

/** Fault orders waiting for a crew with the planner's proposals (refreshed on socket events, and every 15 s). */
export function useBacklog(enabled: boolean) {
  return useQuery({
    queryKey: ['backlog'],
    enabled,
    queryFn: getBacklog,
    refetchInterval: 15_000,
    retry: false,
  });
}
