import type { CallbackAttemptInput, CallbackListItem } from '@gd/domain';
import { api } from '@gd/web';
import { useMutation, useQueryClient } from '@tanstack/react-query';

/** `POST /api/callbacks/:id/attempts`: 409 when the callback is closed or its order no longer completed. */
export function recordAttempt(id: string, body: CallbackAttemptInput): Promise<CallbackListItem> {
  return api<CallbackListItem>(`/callbacks/${id}/attempts`, { method: 'POST', body });
}

export function useRecordAttempt() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: CallbackAttemptInput & { id: string }) => recordAttempt(id, body),
    onSuccess: (cb) => {
      void qc.invalidateQueries({ queryKey: ['callbacks'] });
      void qc.invalidateQueries({ queryKey: ['tickets', 'one', cb.ticketId] });
      void qc.invalidateQueries({ queryKey: ['tickets', 'list'] });
    },
  });
}
