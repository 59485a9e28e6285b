import type { CallbackDetail } from '@gd/domain';
import { api } from '@gd/web';
import { useQuery } from '@tanstack/react-query';

/** `GET /api/callbacks/:id`: the task with the order's full story. */
export function getCallback(id: string, signal?: AbortSignal): Promise<CallbackDetail> {
  return api<CallbackDetail>(`/callbacks/${id}`, { signal });
}

export function useCallback(id: string | undefined) {
  return useQuery({
    queryKey: ['callbacks', 'one', id],
    queryFn: ({ signal }) => getCallback(id as string, signal),
    enabled: Boolean(id),
  });
}
