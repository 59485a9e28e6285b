import type { Crew } from '@gd/domain';
import { api } from '@gd/web';
import { useQuery } from '@tanstack/react-query';

export const getCrews = () => api<Crew[]>('/crews');

/** All crews with their last position; live changes arrive over the socket, this refetch heals gaps. */
export function useCrews() {
  return useQuery({ queryKey: ['crews'], queryFn: getCrews, refetchInterval: 60_000, retry: 1 });
}
