import type { OverviewReport } from '@gd/domain';
import { api } from '@gd/web';
import { keepPreviousData, useQuery } from '@tanstack/react-query';

/** `GET /api/reports/overview?from=&to=&district=&zoneClass=&crewId=&agentId=&type=`. */
export function getOverview(query: Record<string, string>, signal?: AbortSignal): Promise<OverviewReport> {
  return api<OverviewReport>('/reports/overview', { query, signal });
}

export function useOverview(query: Record<string, string> | null) {
  return useQuery({
    queryKey: ['reports', 'overview', query],
    queryFn: ({ signal }) => getOverview(query as Record<string, string>, signal),
    enabled: query !== null,
    placeholderData: keepPreviousData,
  });
}
