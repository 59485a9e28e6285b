import type { CallbackListItem, CallbackStatus } from '@gd/domain';
import { api } from '@gd/web';
import { useQuery } from '@tanstack/react-query';

/** `GET /api/callbacks?status=`: the QA queue, soonest due first. */
export function getCallbacks(status: CallbackStatus, signal?: AbortSignal): Promise<CallbackListItem[]> {
  return api<CallbackListItem[]>('/callbacks', { query: { status }, signal });
}

export function useCallbacks(status: CallbackStatus) {
  return useQuery({
    queryKey: ['callbacks', 'list', status],
    queryFn: ({ signal }) => getCallbacks(status, signal),
    refetchInterval: 60_000,
  });
}
