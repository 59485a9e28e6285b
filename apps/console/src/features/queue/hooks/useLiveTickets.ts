import { useSocketEvent } from '@gd/web';
import { useQueryClient } from '@tanstack/react-query';

/** Keeps every ticket query fresh from the socket: a created or changed order refetches the lists. */
export function useLiveTickets() {
  const qc = useQueryClient();
  const refresh = (e: { id: string; ticket?: { id: string } }) => {
    if (e.ticket) qc.setQueryData(['tickets', 'one', e.ticket.id], e.ticket);
    void qc.invalidateQueries({ queryKey: ['tickets', 'list'] });
    void qc.invalidateQueries({ queryKey: ['tickets', 'timeline', e.ticket?.id ?? e.id] });
  };
  useSocketEvent('ticket.created', refresh);
  useSocketEvent('ticket.updated', refresh);
  useSocketEvent('sla.warning', () => void qc.invalidateQueries({ queryKey: ['tickets', 'list'] }));
  useSocketEvent('sla.breached', () => void qc.invalidateQueries({ queryKey: ['tickets', 'list'] }));
}
