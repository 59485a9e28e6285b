import type { CreateStaffInput, Role, User } from '@gd/domain';
import { api } from '@gd/web';
import { useMutation, useQueryClient } from '@tanstack/react-query';

/** `POST /api/staff` (admin). */
export function createStaff(input: CreateStaffInput): Promise<User> {
  return api<User>('/staff', { method: 'POST', body: input });
}

export function useCreateStaff() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: createStaff,
    onSuccess: () => qc.invalidateQueries({ queryKey: ['staff'] }),
  });
}

export type { CreateStaffInput };
