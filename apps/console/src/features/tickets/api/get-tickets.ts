import type { Page, Ticket, TicketStatus, TicketType, ZoneClass } from '@gd/domain';
import { api } from '@gd/web';
import { useQuery } from '@tanstack/react-query';

export interface TicketFilter {
  status?: TicketStatus | string;
  type?: TicketType;
  firstResponderId?: string;
  /** Who holds the order now (a hand-off changes it; the first responder stays). */
  ownerId?: string;
  /** Children of this master order (merged into it, or calls from inside its outage). */
  parentId?: string;
  /** Orders whose first responder or owner is in the caller's team. */
  team?: 'mine';
  crewId?: string;
  zoneClass?: ZoneClass;
  breaching?: boolean;
  /** Only orders still waiting for work (not completed, closed, cancelled, merged). */
  open?: boolean;
  page?: number;
  pageSize?: number;
}

/** `GET /api/tickets` with filters. */
export function getTickets(filter: TicketFilter, signal?: AbortSignal): Promise<Page<Ticket>> {
  return api<Page<Ticket>>('/tickets', { query: { ...filter }, signal });
}

export function useTickets(filter: TicketFilter, enabled = true) {
  return useQuery({
    queryKey: ['tickets', 'list', filter],
    queryFn: ({ signal }) => getTickets(filter, signal),
    enabled,
    refetchInterval: 60_000,
  });
}
