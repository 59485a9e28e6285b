import type { User } from '@gd/domain';
import { api } from '@gd/web';
import { useQuery } from '@tanstack/react-query';

/** `GET /api/staff`: names and roles, for pickers and "who did this" labels. */
export function getStaff(signal?: AbortSignal): Promise<User[]> {
  return api<User[]>('/staff', { signal });
}

export function useStaff() {
  return useQuery({ queryKey: ['staff'], queryFn: ({ signal }) => getStaff(signal), staleTime: 5 * 60_000 });
}

/** id → display name, for labels. */
export function useStaffNames(): (id: string | null | undefined) => string {
  const { data } = useStaff();
  return (id) => {
    if (!id) return '–';
    const u = data?.find((s) => s.id === id);
    return u ? u.displayName || u.username : id.slice(0, 8);
  };
}
