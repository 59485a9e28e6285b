import { api } from '@gd/web';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { DispatchSettings } from './get-dispatch-settings';

export const updateDispatchSettings = (settings: DispatchSettings) =>
  api<DispatchSettings>('/dispatch/settings', { method: 'PUT', body: settings });

export function useUpdateDispatchSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: updateDispatchSettings,
    onSuccess: (s) => qc.setQueryData(['dispatch-settings'], s),
  });
}
