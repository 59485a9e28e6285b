import type { Customer, UpdateCustomerInput } from '@gd/domain';
import { api } from '@gd/web';
import { useMutation, useQueryClient } from '@tanstack/react-query';

export type { UpdateCustomerInput };

/** `PATCH /api/customers/:id`: an agent corrects a customer's phone, address or place (audited by the API). */
export function updateCustomer(id: string, input: UpdateCustomerInput): Promise<Customer> {
  return api<Customer>(`/customers/${id}`, { method: 'PATCH', body: input });
}

export function useUpdateCustomer() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...input }: UpdateCustomerInput & { id: string }) => updateCustomer(id, input),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['customers'] }),
  });
}
