import type { ZoneCollection } from '@gd/domain';
import { api } from '@gd/web';
import { useQuery } from '@tanstack/react-query';

export const getZones = () => api<ZoneCollection>('/zones');

export function useZones() {
  return useQuery({ queryKey: ['zones'], queryFn: getZones, staleTime: 60 * 60_000 });
}
