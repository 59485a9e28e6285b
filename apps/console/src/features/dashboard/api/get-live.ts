import type { LiveDashboard } from '@gd/domain';
import { api } from '@gd/web';
import { useQuery } from '@tanstack/react-query';

/** `GET /api/reports/dashboard/live`. */
export function getLive(signal?: AbortSignal): Promise<LiveDashboard> {
  return api<LiveDashboard>('/reports/dashboard/live', { signal });
}

export function useLive() {
  return useQuery({
    queryKey: ['reports', 'live'],
    queryFn: ({ signal }) => getLive(signal),
    // Socket events refresh it at once; the interval keeps "calls in the last hour" rolling.
    refetchInterval: 30_000,
  });
}
