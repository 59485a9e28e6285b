import type { TicketPhoto } from '@gd/domain';
import { api } from '@gd/web';

/**
 * `POST /api/tickets/:id/photos` with the image as the body. Sent through the outbox (hooks/useOutbox); the entry's
 * id is the Idempotency-Key, so a retry after a lost answer stores the photo once.
 */
export async function uploadPhoto(ticketId: string, dataUrl: string, key: string): Promise<TicketPhoto> {
  return api<TicketPhoto>(`/tickets/${encodeURIComponent(ticketId)}/photos`, {
    method: 'POST',
    body: dataUrlToBlob(dataUrl),
    idempotencyKey: key,
  });
}

export function dataUrlToBlob(dataUrl: string): Blob {
  const [head = '', data = ''] = dataUrl.split(',', 2);
  const type = /^data:([^;,]+)/.exec(head)?.[1] ?? 'image/jpeg';
  const bin = atob(data);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Blob([bytes], { type });
}
