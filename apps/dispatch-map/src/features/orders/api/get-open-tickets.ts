import { isOpenStatus, type Page, TICKET_STATUSES, type Ticket, type TicketStatus } from '@gd/domain';
import { ApiError, api } from '@gd/web';
import { useQuery } from '@tanstack/react-query';

/** Every status an order can be open in (repair and general families). */
export const OPEN_STATUSES: TicketStatus[] = TICKET_STATUSES.filter(isOpenStatus);

const PARALLEL_PAGES = 4;

async function allPages(pageSize: number): Promise<Ticket[]> {
  const page = (n: number) =>
    api<Page<Ticket>>('/tickets', { query: { status: OPEN_STATUSES.join(','), page: n, pageSize } });
  const first = await page(1);
  const pages = Math.ceil(first.total / pageSize);
  const items = [...first.items];
  for (let start = 2; start <= pages; start += PARALLEL_PAGES) {
    const batch = Array.from({ length: Math.min(PARALLEL_PAGES, pages - start + 1) }, (_, i) =>
      page(start + i),
    );
    for (const r of await Promise.all(batch)) items.push(...r.items);
  }
  return items;
}

/**
 * All open orders (`GET /api/tickets?status=<open statuses>`), in pages of 500 fetched a few at a time; falls back
 * to smaller pages if the API refuses that size.
 */
export async function getOpenTickets(): Promise<Ticket[]> {
  let list: Ticket[];
  try {
    list = await allPages(500);
  } catch (err) {
    if (!(err instanceof ApiError) || err.status !== 400) throw err;
    list = await allPages(100);
  }
  // Pages may overlap when orders change status while we read: keep one of each.
  return [...new Map(list.map((t) => [t.id, t])).values()];
}

export function useOpenTickets() {
  return useQuery({
    queryKey: ['tickets', 'open'],
    queryFn: getOpenTickets,
    refetchInterval: 120_000,
    retry: 1,
  });
}
