import type { Crew } from '@gd/domain';
import { api } from '@gd/web';
import { useQuery } from '@tanstack/react-query';

/** `GET /api/crews`: every crew with its depot, skills, shift and live status. */
export function getCrews(signal?: AbortSignal): Promise<Crew[]> {
  return api<Crew[]>('/crews', { signal });
}

export function useCrews() {
  return useQuery({ queryKey: ['crews'], queryFn: ({ signal }) => getCrews(signal), staleTime: 60_000 });
}
