import type { Crew, CrewSkill } from '@gd/domain';
import { api } from '@gd/web';
import { useMutation, useQueryClient } from '@tanstack/react-query';

/** Body of `POST /api/crews` (apps/api/src/crews/crews.dto.ts); null clears an optional field. */
export interface CreateCrewInput {
  code: string;
  name: string;
  skills: CrewSkill[];
  depot: { lat: number; lng: number; name?: string };
  /** Local HH:MM; null: on call round the clock. */
  shift: { start: string; end: string } | null;
  vehicle: string | null;
  district: string | null;
  phone: string | null;
}

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
