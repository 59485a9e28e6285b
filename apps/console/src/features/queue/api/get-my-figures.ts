import type { AgentReportRowDetail } from '@gd/domain';
import { api } from '@gd/web';
import { useQuery } from '@tanstack/react-query';

/** `GET /api/reports/agents/me`: the signed-in agent's own first-responder figures, the last 30 days. */
export function getMyFigures(signal?: AbortSignal): Promise<AgentReportRowDetail> {
  return api<AgentReportRowDetail>('/reports/agents/me', { signal });
}

export function useMyFigures() {
  return useQuery({
    queryKey: ['reports', 'agents', 'me'],
    queryFn: ({ signal }) => getMyFigures(signal),
    staleTime: 5 * 60_000,
  });
}
