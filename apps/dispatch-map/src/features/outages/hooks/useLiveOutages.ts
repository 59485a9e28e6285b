import type { Outage } from '@gd/domain';
import { useSocketEvent } from '@gd/web';
import { useQueryClient } from '@tanstack/react-query';
import { useActiveOutages } from '../api/get-active-outages';

/** Active outages, kept current by `outage.updated` (a restored outage leaves the map). */
export function useLiveOutages() {
  const query = useActiveOutages();
  const qc = useQueryClient();
  useSocketEvent('outage.updated', ({ outage }) => {
    qc.setQueryData<Outage[]>(['outages', 'active'], (list = []) => {
      const rest = list.filter((o) => o.id !== outage.id);
      return outage.status === 'active' ? [...rest, outage] : rest;
    });
  });
  return query;
}
