import type { PolygonGeometry } from '@gd/domain';
import { api } from '@gd/web';
import { keepPreviousData, useQuery } from '@tanstack/react-query';

/** `POST /api/customers/in-area`: how many customers an area covers (an outage before it is published). */
export function countCustomersIn(
  area: PolygonGeometry,
  signal?: AbortSignal,
): Promise<{ customers: number }> {
  return api<{ customers: number }>('/customers/in-area', { method: 'POST', body: { area }, signal });
}

export function useCustomersIn(area: PolygonGeometry | null) {
  return useQuery({
    queryKey: ['customers', 'in-area', area ? JSON.stringify(area.coordinates) : null],
    queryFn: ({ signal }) => countCustomersIn(area as PolygonGeometry, signal),
    enabled: area !== null,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}
