import type { AuditEntry, Page } from '@gd/domain';
import { api } from '@gd/web';
import { keepPreviousData, useQuery } from '@tanstack/react-query';

export interface AuditFilter {
  entity?: string;
  entityId?: string;
  actorId?: string;
  action?: string;
  from?: string;
  to?: string;
  page?: number;
  pageSize?: number;
}

/** `GET /api/audit` (supervisor, admin). */
export function getAudit(filter: AuditFilter, signal?: AbortSignal): Promise<Page<AuditEntry>> {
  return api<Page<AuditEntry>>('/audit', { query: { ...filter }, signal });
}

export function useAudit(filter: AuditFilter) {
  return useQuery({
    queryKey: ['audit', filter],
    queryFn: ({ signal }) => getAudit(filter, signal),
    placeholderData: keepPreviousData,
  });
}
