import { api } from '@gd/web';
import { useQuery } from '@tanstack/react-query';

/** One message to a customer as `GET /api/messages` gives it. */
export interface CustomerMessage {
  id: string;
  ticketId: string | null;
  customerId: string | null;
  to: string;
  channel: 'sms' | 'wechat';
  template: string;
  text: string;
  status: 'queued' | 'sent' | 'failed' | 'suppressed' | 'dead';
  attempts: number;
  createdAt: string;
  nextAttemptAt?: string;
  /** A routine message waiting for the end of quiet hours (it goes then, not now). */
  heldUntil?: string;
  heldFor?: 'quiet_hours';
  sentAt?: string;
  error?: string;
}

export type MessagesFilter = { ticketId: string } | { customerId: string };

/** `GET /api/messages?ticketId=|customerId=`: what the customer was told, newest first. */
export function getMessages(f: MessagesFilter, signal?: AbortSignal): Promise<CustomerMessage[]> {
  const q = 'ticketId' in f ? `ticketId=${f.ticketId}` : `customerId=${f.customerId}`;
  return api<CustomerMessage[]>(`/messages?${q}&limit=50`, { signal });
}

/** Refreshed every 15 s: a message queued a moment ago shows as sent without reloading the page. */
export function useMessages(f: MessagesFilter | null) {
  return useQuery({
    queryKey: ['messages', f],
    queryFn: ({ signal }) => getMessages(f as MessagesFilter, signal),
    enabled: f !== null,
    refetchInterval: 15_000,
  });
}
