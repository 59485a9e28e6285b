import type { Call, CallOutcome, UpdateCallInput } from '@gd/domain';
import { api } from '@gd/web';
import { useMutation } from '@tanstack/react-query';

/** `PATCH /api/calls/:id`: records the call's outcome, its order, or its end. */
export function updateCall(id: string, input: UpdateCallInput): Promise<Call> {
  return api<Call>(`/calls/${id}`, { method: 'PATCH', body: input });
}

export function useUpdateCall(options: { retry?: number } = {}) {
  return useMutation({
    ...options,
    mutationFn: ({ id, ...input }: UpdateCallInput & { id: string }) => updateCall(id, input),
  });
}

export type { UpdateCallInput };
