import type { Crew } from '@gd/domain';
import { ApiError, api } from '@gd/web';
import { useQuery } from '@tanstack/react-query';

/**
 * The signed-in crew member's own crew with its current `ticketId`: `GET /api/crews/:id` (one small answer for a
 * phone), or the whole `GET /api/crews` list if that route is missing.
 */
export async function getMyCrew(crewId: string): Promise<Crew | null> {
  try {
    return await api<Crew>(`/crews/${encodeURIComponent(crewId)}`);
  } catch (err) {
    if (!(err instanceof ApiError) || (err.status !== 404 && err.status !== 405)) throw err;
  }
  const crews = await api<Crew[]>('/crews');
  return crews.find((c) => c.id === crewId) ?? null;
}

export function useMyCrew(crewId: string | null) {
  return useQuery({
    queryKey: ['my-crew', crewId],
    enabled: crewId !== null,
    queryFn: () => getMyCrew(crewId!),
    refetchInterval: 20_000,
  });
}
