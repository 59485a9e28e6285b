import type { TicketPhoto } from '@gd/domain';
import { ApiError, api, apiUrl, getSession } from '@gd/web';
import { useQuery } from '@tanstack/react-query';

/** `GET /api/tickets/:id/photos`: the crew's photos of the order, without their bytes. */
export function getPhotos(id: string, signal?: AbortSignal): Promise<TicketPhoto[]> {
  return api<TicketPhoto[]>(`/tickets/${id}/photos`, { signal });
}

export function usePhotos(id: string) {
  return useQuery({ queryKey: ['tickets', 'photos', id], queryFn: ({ signal }) => getPhotos(id, signal) });
}

/** One photo's image (`GET /api/tickets/:id/photos/:photoId`), fetched with the session's token (an <img> has none). */
export async function getPhotoBlob(ticketId: string, photoId: string, signal?: AbortSignal): Promise<Blob> {
  const token = getSession()?.token;
  const res = await fetch(apiUrl(`/tickets/${ticketId}/photos/${photoId}`), {
    headers: token ? { Authorization: `Bearer ${token}` } : {},
    signal,
  });
  if (!res.ok) throw new ApiError(res.status, [`HTTP ${res.status}`]);
  return res.blob();
}
