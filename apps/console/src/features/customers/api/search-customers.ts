import type { Customer, Page } from '@gd/domain';
import { api } from '@gd/web';
import { keepPreviousData, useQuery } from '@tanstack/react-query';

/** `GET /api/customers?q=`: by phone, account number, name or address. */
export function searchCustomers(q: string, signal?: AbortSignal): Promise<Page<Customer>> {
  return api<Page<Customer>>('/customers', { query: { q }, signal });
}

export function useSearchCustomers(q: string) {
  const term = q.trim();
  return useQuery({
    queryKey: ['customers', 'search', term],
    queryFn: ({ signal }) => searchCustomers(term, signal),
    enabled: term.length >= 2,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}
