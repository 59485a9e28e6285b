import type { RequestPauseInput, SlaPauseRequest } from '@gd/domain';
import { api } from '@gd/web';
import { useMutation } from '@tanstack/react-query';

/** `POST /api/tickets/:id/sla/pause-requests`: asks a supervisor to pause a clock of the crew's order. */
export const requestPause = (ticketId: string, input: RequestPauseInput) =>
  api<SlaPauseRequest>(`/tickets/${encodeURIComponent(ticketId)}/sla/pause-requests`, {
    method: 'POST',
    body: input,
  });

export function useRequestPause(ticketId: string) {
  return useMutation({ mutationFn: (input: RequestPauseInput) => requestPause(ticketId, input) });
}
