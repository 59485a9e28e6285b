import type { CustomerWithOrders } from '@gd/domain';
import { api } from '@gd/web';
import { useQuery } from '@tanstack/react-query';

/** `GET /api/customers/:id`: the customer with their recent orders. */
export function getCustomer(id: string, signal?: AbortSignal): Promise<CustomerWithOrders> {
  return api<CustomerWithOrders>(`/customers/${id}`, { signal });
}

export function useCustomer(id: string | null | undefined) {
  return useQuery({
    queryKey: ['customers', id],
    queryFn: ({ signal }) => getCustomer(id as string, signal),
    enabled: Boolean(id),
  });
}
