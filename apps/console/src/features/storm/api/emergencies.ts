import type { DeclareEmergencyInput, SlaEmergency } from '@gd/domain';
import { api } from '@gd/web';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

/** `GET /api/sla/emergencies`: the latest declarations, newest first (in force, planned and over). */
export function getEmergencies(signal?: AbortSignal): Promise<SlaEmergency[]> {
  return api<SlaEmergency[]>('/sla/emergencies', { signal });
}

export function useEmergencies() {
  return useQuery({
    queryKey: ['sla', 'emergencies'],
    queryFn: ({ signal }) => getEmergencies(signal),
    // A planned one comes into force, one in force runs out: the list is read again every half minute.
    refetchInterval: 30_000,
  });
}

/** `POST /api/sla/emergencies`: every clock of the zones' orders is paused (or exempt) for the window. */
export function declareEmergency(body: DeclareEmergencyInput): Promise<SlaEmergency> {
  return api<SlaEmergency>('/sla/emergencies', { method: 'POST', body });
}

/** `POST /api/sla/emergencies/:id/end`: ends it now; clocks paused for the rest of the window run again. */
export function endEmergency(id: string, reason: string): Promise<SlaEmergency> {
  return api<SlaEmergency>(`/sla/emergencies/${id}/end`, { method: 'POST', body: { reason } });
}

function useEmergencyMutation<V>(fn: (v: V) => Promise<SlaEmergency>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['sla', 'emergencies'] });
      void qc.invalidateQueries({ queryKey: ['tickets'] });
    },
  });
}

export const useDeclareEmergency = () => useEmergencyMutation(declareEmergency);
export const useEndEmergency = () =>
  useEmergencyMutation((v: { id: string; reason: string }) => endEmergency(v.id, v.reason));
