import type { CreateCustomerInput, Customer, LatLng } from '@gd/domain';
import { api } from '@gd/web';
import { useMutation, useQueryClient } from '@tanstack/react-query';

/** `POST /api/customers`: registers a caller on the spot. */
export function createCustomer(input: CreateCustomerInput): Promise<Customer> {
  return api<Customer>('/customers', { method: 'POST', body: input });
}

export function useCreateCustomer() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: createCustomer,
    onSuccess: () => qc.invalidateQueries({ queryKey: ['customers'] }),
  });
}

export type { CreateCustomerInput };
