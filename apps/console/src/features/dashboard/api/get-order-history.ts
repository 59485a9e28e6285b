import type { Ticket, TimelineEntry } from '@gd/domain';
import { api } from '@gd/web';
import { useQuery } from '@tanstack/react-query';

/** An order and its timeline, for the printable history. */
export function useOrderHistory(id: string | undefined) {
  return useQuery({
    queryKey: ['tickets', 'print', id],
    queryFn: async ({ signal }) => {
      const [ticket, timeline] = await Promise.all([
        api<Ticket>(`/tickets/${id}`, { signal }),
        api<TimelineEntry[]>(`/tickets/${id}/timeline`, { signal }),
      ]);
      return { ticket, timeline };
    },
    enabled: Boolean(id),
  });
}
