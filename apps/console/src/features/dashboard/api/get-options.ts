import type { Crew, User, ZoneCollection } from '@gd/domain';
import { api } from '@gd/web';
import { useQuery } from '@tanstack/react-query';

/** The choices of the dashboard filters: districts (from the zones), crews and agents. */
export function useFilterOptions() {
  const zones = useQuery({
    queryKey: ['zones'],
    queryFn: ({ signal }) => api<ZoneCollection>('/zones', { signal }),
    staleTime: 60 * 60_000,
  });
  const crews = useQuery({
    queryKey: ['crews', 'options'],
    queryFn: ({ signal }) => api<Crew[]>('/crews', { signal }),
    staleTime: 5 * 60_000,
  });
  const staff = useQuery({
    queryKey: ['staff'],
    queryFn: ({ signal }) => api<User[]>('/staff', { signal }),
    staleTime: 5 * 60_000,
  });
  const districts = [...new Set((zones.data?.features ?? []).map((f) => f.properties.district))].sort();
  return {
    districts,
    crews: (crews.data ?? [])
      .map((c) => ({ id: c.id, name: c.name }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    agents: (staff.data ?? [])
      .filter((u) => u.role === 'agent')
      .map((u) => ({ id: u.id, name: u.displayName || u.username })),
  };
}
