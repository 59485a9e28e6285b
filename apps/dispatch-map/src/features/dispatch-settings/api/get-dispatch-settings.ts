import { api } from '@gd/web';
import { useQuery } from '@tanstack/react-query';

export interface DispatchSettings {
  autoDispatch: boolean;
}

export const getDispatchSettings = () => api<DispatchSettings>('/dispatch/settings');

export function useDispatchSettings() {
  return useQuery({
    queryKey: ['dispatch-settings'],
    queryFn: getDispatchSettings,
    retry: false,
    refetchInterval: 60_000,
  });
}
