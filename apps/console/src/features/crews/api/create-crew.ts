import type { CreateCrewInput, Crew, CrewSkill } from '@gd/domain';
import { api } from '@gd/web';
import { useMutation, useQueryClient } from '@tanstack/react-query';

/** `POST /api/crews` (admin). */
export function createCrew(input: CreateCrewInput): Promise<Crew> {
  return api<Crew>('/crews', { method: 'POST', body: input });
}

export function useCreateCrew() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: createCrew,
    onSuccess: () => qc.invalidateQueries({ queryKey: ['crews'] }),
  });
}

export type { CreateCrewInput };
