import type { PositionInput, Ticket } from '@gd/domain';
import { useSocket } from '@gd/web';
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { postPositions } from '../api/post-positions';
import { transitionTicket } from '../api/transition-ticket';
import { uploadPhoto } from '../api/upload-photo';
import { createOutbox, type FlushResult, flushOutbox, type OutboxEntry } from '../utils/outbox';

const RETRY_MS = 15_000;

export function newId(): string {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

/**
 * The crew's persistent outbox (localStorage, per crew), flushed oldest-first: right after each addition, when the
 * browser comes back online, when the socket reconnects, and every 15 s while anything waits.
 */
export function useOutbox(crewId: string, onTicket?: (t: Ticket) => void) {
  const onTicketRef = useRef(onTicket);
  onTicketRef.current = onTicket;
  const outbox = useMemo(() => createOutbox(localStorage, `gd.outbox.${crewId}`), [crewId]);
  const entries = useSyncExternalStore(outbox.subscribe, outbox.entries, outbox.entries);
  const [last, setLast] = useState<FlushResult | null>(null);
  const running = useRef<Promise<FlushResult> | null>(null);
  const socket = useSocket();

  const flush = useCallback((): Promise<FlushResult> => {
    if (running.current) return running.current;
    const p = flushOutbox(outbox, {
      positions: postPositions,
      transition: async (e) => {
        const ticket = await transitionTicket(e.ticketId, { to: e.to, note: e.note, report: e.report });
        onTicketRef.current?.(ticket); // show the server's answer at once, without waiting for a refetch
        return ticket;
      },
      photo: (e) => uploadPhoto(e.ticketId, e.dataUrl, e.id),
    })
      .then((r) => {
        setLast(r);
        return r;
      })
      .finally(() => {
        running.current = null;
      });
    running.current = p;
    return p;
  }, [outbox]);

  useEffect(() => {
    const onOnline = () => void flush();
    window.addEventListener('online', onOnline);
    socket.on('connect', onOnline);
    const timer = setInterval(() => {
      if (outbox.entries().length > 0) void flush();
    }, RETRY_MS);
    void flush();
    return () => {
      window.removeEventListener('online', onOnline);
      socket.off('connect', onOnline);
      clearInterval(timer);
    };
  }, [flush, outbox, socket]);

  /** Queues an entry and flushes (after the flush in progress, if any, so the new entry is tried too). */
  const add = useCallback(
    (entry: OutboxEntry) => {
      outbox.add(entry);
      return running.current ? running.current.then(() => flush()) : flush();
    },
    [outbox, flush],
  );
  const isPending = useCallback((id: string) => outbox.entries().some((e) => e.id === id), [outbox]);

  const addPosition = useCallback(
    (position: PositionInput) => add({ kind: 'position', id: newId(), crewId, position }),
    [add, crewId],
  );

  return { entries, last, add, addPosition, flush, isPending };
}
