import type { User } from '@gd/domain';
import { api } from '@gd/web';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateStaffInput } from './create-staff.js';

/** `team: null` takes the account out of its team. */
export type UpdateStaffInput = Partial<Omit<CreateStaffInput, 'team'>> & {
  team?: string | null;
  disabled?: boolean;
};

/** `PATCH /api/staff/:id` (admin). */
export function updateStaff(id: string, input: UpdateStaffInput): Promise<User> {
  return api<User>(`/staff/${id}`, { method: 'PATCH', body: input });
}

export function useUpdateStaff() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...input }: UpdateStaffInput & { id: string }) => updateStaff(id, input),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['staff'] }),
  });
}
