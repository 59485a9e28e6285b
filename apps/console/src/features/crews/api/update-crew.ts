import type { Crew } from '@gd/domain';
import { api } from '@gd/web';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateCrewInput } from './create-crew.js';

export type UpdateCrewInput = Partial<CreateCrewInput>;

/** `PATCH /api/crews/:id` (admin). */
export function updateCrew(id: string, input: UpdateCrewInput): Promise<Crew> {
  return api<Crew>(`/crews/${id}`, { method: 'PATCH', body: input });
}

export function useUpdateCrew() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...input }: UpdateCrewInput & { id: string }) => updateCrew(id, input),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['crews'] }),
  });
}
