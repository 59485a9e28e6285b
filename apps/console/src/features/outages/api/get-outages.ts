import type { LatLng, Outage } from '@gd/domain';
import { api, useSocketEvent } from '@gd/web';
import { useQuery, useQueryClient } from '@tanstack/react-query';

/** `GET /api/outages?active=true&lat=&lng=`: active outages covering a point. */
export function getActiveOutagesAt(at: LatLng, signal?: AbortSignal): Promise<Outage[]> {
  return api<Outage[]>('/outages', { query: { active: true, lat: at.lat, lng: at.lng }, signal });
}

export function useActiveOutagesAt(at: LatLng | null | undefined) {
  return useQuery({
    queryKey: ['outages', 'active', at?.lat, at?.lng],
    queryFn: ({ signal }) => getActiveOutagesAt(at as LatLng, signal),
    enabled: Boolean(at),
  });
}

/** `GET /api/outages?active=true`: every outage in force now. */
export function getActiveOutages(signal?: AbortSignal): Promise<Outage[]> {
  return api<Outage[]>('/outages', { query: { active: true }, signal });
}

/** Every outage in force, kept current: any outage published or restored anywhere (`outage.updated`) reloads it. */
export function useActiveOutages() {
  const qc = useQueryClient();
  useSocketEvent('outage.updated', () => {
    void qc.invalidateQueries({ queryKey: ['outages', 'active', 'all'], exact: true });
  });
  return useQuery({
    queryKey: ['outages', 'active', 'all'],
    queryFn: ({ signal }) => getActiveOutages(signal),
  });
}
