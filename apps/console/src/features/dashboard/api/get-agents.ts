import type { AgentReportRowDetail } from '@gd/domain';
import { api } from '@gd/web';
import { keepPreviousData, useQuery } from '@tanstack/react-query';

/** `GET /api/reports/agents?from=&to=`. */
export function getAgentsReport(
  from: string,
  to: string,
  signal?: AbortSignal,
): Promise<AgentReportRowDetail[]> {
  return api<AgentReportRowDetail[]>('/reports/agents', { query: { from, to }, signal });
}

export function useAgentsReport(range: { from: string; to: string } | null) {
  return useQuery({
    queryKey: ['reports', 'agents', range],
    queryFn: ({ signal }) => getAgentsReport(range!.from, range!.to, signal),
    enabled: range !== null,
    placeholderData: keepPreviousData,
  });
}
