import type { Crew } from '@gd/domain';
import { api } from '@gd/web';
import { useMutation, useQueryClient } from '@tanstack/react-query';

export const setCrewStatus = (crewId: string, status: 'available' | 'off_duty') =>
  api<Crew>(`/crews/${encodeURIComponent(crewId)}/status`, { method: 'POST', body: { status } });

/** 上班 / 下班: the server decides whether the crew receives orders (a crew on an order gets a 409). */
export function useSetCrewStatus(crewId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (status: 'available' | 'off_duty') => setCrewStatus(crewId, status),
    onSuccess: (crew) => qc.setQueryData(['my-crew', crewId], crew),
  });
}
