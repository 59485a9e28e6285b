import type { SlaPauseRequest } from '@gd/domain';
import { api, useSocketEvent } from '@gd/web';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

const KEY = ['sla', 'pause-requests', 'pending'] as const;

/** `GET /api/sla/pause-requests?status=pending`: the queue, oldest first. */
export function getPendingPauseRequests(signal?: AbortSignal): Promise<SlaPauseRequest[]> {
  return api<SlaPauseRequest[]>('/sla/pause-requests', { query: { status: 'pending' }, signal });
}

/** The queue, kept current: a new request reaches supervisors as a `pause.requested` notice, which reloads it. */
export function usePendingPauseRequests() {
  const qc = useQueryClient();
  useSocketEvent('notification', (n) => {
    if (n.kind === 'pause.requested') void qc.invalidateQueries({ queryKey: KEY });
  });
  return useQuery({ queryKey: KEY, queryFn: ({ signal }) => getPendingPauseRequests(signal) });
}

/** `POST /api/sla/pause-requests/:id/approve`: the clock is paused as asked. */
export const approvePauseRequest = (id: string) =>
  api<SlaPauseRequest>(`/sla/pause-requests/${id}/approve`, { method: 'POST' });

/** `POST /api/sla/pause-requests/:id/refuse` with the reason the requester is told. */
export const refusePauseRequest = (id: string, reason: string) =>
  api<SlaPauseRequest>(`/sla/pause-requests/${id}/refuse`, { method: 'POST', body: { reason } });

function useDecision<V>(fn: (v: V) => Promise<SlaPauseRequest>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    // A request someone else decided meanwhile (409) leaves the queue too.
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: KEY });
      void qc.invalidateQueries({ queryKey: ['tickets'] });
    },
  });
}

export const useApprovePauseRequest = () => useDecision(approvePauseRequest);
export const useRefusePauseRequest = () =>
  useDecision((v: { id: string; reason: string }) => refusePauseRequest(v.id, v.reason));
