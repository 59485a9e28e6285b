import type { Customer } from '@gd/domain';
import { api } from '@gd/web';
import { useQuery } from '@tanstack/react-query';

export const getCustomer = (id: string) => api<Customer>(`/customers/${encodeURIComponent(id)}`);

/** The order's customer (for the phone number); optional: the crew view works without it. */
export function useCustomer(id: string | null) {
  return useQuery({
    queryKey: ['customer', id],
    enabled: id !== null,
    queryFn: () => getCustomer(id!),
    retry: false,
  });
}
