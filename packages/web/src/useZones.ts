import type { ZoneCollection } from '@gd/domain';
import { useQuery } from '@tanstack/react-query';
import { api } from './api.js';

/** `GET /api/zones`: the territory's zones (they change with a re-survey, not during a shift). */
const getZones = () => api<ZoneCollection>('/zones');

export function useZones() {
  return useQuery({ queryKey: ['zones'], queryFn: getZones, staleTime: 60 * 60_000 });
}
