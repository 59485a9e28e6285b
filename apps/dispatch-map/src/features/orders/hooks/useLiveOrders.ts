import type { Ticket, TicketEvent } from '@gd/domain';
import { useSocketEvent } from '@gd/web';
import { useCallback, useEffect, useState } from 'react';
import { createFrameBatcher } from '../../../lib/frameBatcher';
import { createLiveStore, type LiveStore } from '../../../lib/liveStore';
import { useOpenTickets } from '../api/get-open-tickets';
import { isMappable } from '../utils/orders';

/** Keeps the newer version of an order; drops it from the map once it is no longer open or has no location. */
export function mergeTicket(current: Ticket | undefined, next: Ticket): Ticket | undefined {
  if (!isMappable(next)) return undefined;
  return current === next ? current : next;
}

/** Open orders as a live store: the full list, then `ticket.created` / `ticket.updated` batched per frame. */
export function useLiveOrders(): {
  store: LiveStore<Ticket>;
  query: ReturnType<typeof useOpenTickets>;
  upsert: (t: Ticket) => void;
} {
  const query = useOpenTickets();
  const [store] = useState(() => createLiveStore<Ticket>((t) => t.id));
  const [batcher] = useState(() =>
    createFrameBatcher<TicketEvent>(
      (e) => e.id,
      (events) =>
        store.update(
          events,
          (e) => e.ticket.id,
          (cur, e) => mergeTicket(cur, e.ticket),
        ),
    ),
  );
  useEffect(() => {
    if (!query.data) return;
    batcher.flush();
    store.replaceAll(query.data.filter(isMappable));
  }, [query.data, store, batcher]);
  useEffect(() => () => batcher.cancel(), [batcher]);

  const onTicket = (e: TicketEvent) => batcher.push(e);
  useSocketEvent('ticket.created', onTicket);
  useSocketEvent('ticket.updated', onTicket);
  const upsert = useCallback((t: Ticket) => store.update([t], (x) => x.id, mergeTicket), [store]);
  return { store, query, upsert };
}
