import type { ZoneCollection } from '@gd/domain';
import { api } from '@gd/web';
import { useQuery } from '@tanstack/react-query';

/** The territory's zones (they change with a re-survey, not during a shift). */
export function useZones() {
  return useQuery({
    queryKey: ['zones'],
    queryFn: () => api<ZoneCollection>('/zones'),
    staleTime: 60 * 60_000,
  });
}
