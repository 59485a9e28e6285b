import type { Outage, PolygonGeometry } from '@gd/domain';
import { api } from '@gd/web';
import { useMutation, useQueryClient } from '@tanstack/react-query';

export interface NewOutage {
  kind: 'planned' | 'fault';
  area: PolygonGeometry;
  startsAt: string;
  endsAt?: string;
  estimatedRestoreAt?: string;
  description: string;
  /** A fault outage's master: the repair order whose crew restores the area. */
  ticketId?: string;
}

/** `POST /api/outages`: calls from inside the area see the banner; their fault orders become the master's children. */
export function publishOutage(body: NewOutage): Promise<Outage> {
  return api<Outage>('/outages', { method: 'POST', body });
}

/** `POST /api/outages/:id/restore`: power is back; a fault outage's master and its children are restored. */
export function restoreOutage(id: string): Promise<Outage> {
  return api<Outage>(`/outages/${id}/restore`, { method: 'POST' });
}

function useOutageMutation<V>(fn: (v: V) => Promise<Outage>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['outages'] });
      void qc.invalidateQueries({ queryKey: ['tickets'] });
    },
  });
}

export const usePublishOutage = () => useOutageMutation(publishOutage);
export const useRestoreOutage = () => useOutageMutation(restoreOutage);
