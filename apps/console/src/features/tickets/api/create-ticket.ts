import type { CreateTicketInput, CrewSkill, LatLng, Priority, Ticket, TicketType } from '@gd/domain';
import { api } from '@gd/web';
import { useMutation, useQueryClient } from '@tanstack/react-query';

/**
 * `POST /api/tickets` with an `Idempotency-Key`: the same key returns the first result, so a retry after a lost
 * answer never makes a second order.
 */
export function createTicket(input: CreateTicketInput, idempotencyKey: string): Promise<Ticket> {
  return api<Ticket>('/tickets', { method: 'POST', body: input, idempotencyKey });
}

export function useCreateTicket() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ input, idempotencyKey }: { input: CreateTicketInput; idempotencyKey: string }) =>
      createTicket(input, idempotencyKey),
    onSuccess: (ticket) => {
      void qc.invalidateQueries({ queryKey: ['tickets'] });
      // The customer's open orders (the screen pop of a customer picked by hand) include it now.
      if (ticket.customerId) void qc.invalidateQueries({ queryKey: ['customers', ticket.customerId] });
    },
  });
}

export type { CreateTicketInput };
