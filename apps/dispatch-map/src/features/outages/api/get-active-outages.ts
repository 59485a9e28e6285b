import type { Outage } from '@gd/domain';
import { api } from '@gd/web';
import { useQuery } from '@tanstack/react-query';

export const getActiveOutages = () => api<Outage[]>('/outages', { query: { active: true } });

export function useActiveOutages() {
  return useQuery({
    queryKey: ['outages', 'active'],
    queryFn: getActiveOutages,
    refetchInterval: 120_000,
    retry: 1,
  });
}
