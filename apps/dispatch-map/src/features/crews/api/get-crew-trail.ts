import type { TrailPoint } from '@gd/domain';
import { api } from '@gd/web';
import { useQuery } from '@tanstack/react-query';

export type { TrailPoint };

export const getCrewTrail = (crewId: string, from: string, to: string) =>
  api<TrailPoint[]>(`/crews/${encodeURIComponent(crewId)}/trail`, { query: { from, to } });

/** The trail of one crew over the last `hours` (only while `crewId` is set). */
export function useCrewTrail(crewId: string | null, hours: number) {
  return useQuery({
    queryKey: ['crew-trail', crewId, hours],
    enabled: crewId !== null,
    queryFn: () => {
      const to = new Date();
      const from = new Date(to.getTime() - hours * 3_600_000);
      return getCrewTrail(crewId!, from.toISOString(), to.toISOString());
    },
    refetchInterval: 30_000,
    retry: false,
  });
}
