import type { Crew, CrewSkill, User } from '@gd/domain';
import { CREW_SKILLS } from '@gd/domain';
import type { CreateCrewInput } from '../api/create-crew.js';

/** What the crew form holds: text as typed, skills as ticked. */
export interface CrewForm {
  code: string;
  name: string;
  skills: CrewSkill[];
  depotName: string;
  depotLat: string;
  depotLng: string;
  shiftStart: string;
  shiftEnd: string;
  vehicle: string;
  district: string;
  phone: string;
}

/** i18n keys (under `crews.errors`) of what the form itself can tell before asking the API. */
export type CrewFormError = 'depotLat' | 'depotLng' | 'shift';

export function toCrewForm(crew: Crew | null): CrewForm {
  return {
    code: crew?.code ?? '',
    name: crew?.name ?? '',
    skills: crew ? [...crew.skills] : [],
    depotName: crew?.depot.name ?? '',
    depotLat: crew ? String(crew.depot.lat) : '',
    depotLng: crew ? String(crew.depot.lng) : '',
    shiftStart: crew?.shift?.start ?? '',
    shiftEnd: crew?.shift?.end ?? '',
    vehicle: crew?.vehicle ?? '',
    district: crew?.district ?? '',
    phone: crew?.phone ?? '',
  };
}

/** Ticks or unticks a skill, keeping the domain's order. */
export function toggleSkill(skills: readonly CrewSkill[], skill: CrewSkill): CrewSkill[] {
  const on = skills.includes(skill);
  return CREW_SKILLS.filter((s) => (s === skill ? !on : skills.includes(s)));
}

function degrees(text: string, limit: number): number | null {
  const s = text.trim();
  if (!s) return null;
  const n = Number(s);
  return Number.isFinite(n) && Math.abs(n) <= limit ? n : null;
}

const blankToNull = (s: string) => s.trim() || null;

/**
 * The `POST`/`PATCH /api/crews` body for a filled-in form. Only what the form can judge alone is checked here
 * (coordinates that are numbers, a shift with both ends or none); the API checks the rest and its messages are shown.
 */
export function toCrewPayload(
  form: CrewForm,
): { ok: true; payload: CreateCrewInput } | { ok: false; errors: CrewFormError[] } {
  const errors: CrewFormError[] = [];
  const lat = degrees(form.depotLat, 90);
  const lng = degrees(form.depotLng, 180);
  if (lat === null) errors.push('depotLat');
  if (lng === null) errors.push('depotLng');
  const start = form.shiftStart.trim();
  const end = form.shiftEnd.trim();
  if (Boolean(start) !== Boolean(end)) errors.push('shift');
  if (lat === null || lng === null || errors.length) return { ok: false, errors };
  const depotName = form.depotName.trim();
  return {
    ok: true,
    payload: {
      code: form.code.trim().toUpperCase(),
      name: form.name.trim(),
      skills: CREW_SKILLS.filter((s) => form.skills.includes(s)),
      depot: depotName ? { lat, lng, name: depotName } : { lat, lng },
      shift: start && end ? { start, end } : null,
      vehicle: blankToNull(form.vehicle),
      district: blankToNull(form.district),
      phone: blankToNull(form.phone),
    },
  };
}

/** Crew accounts (staff with role crew) of one crew, by name. */
export function crewMembers(staff: readonly User[] | undefined, crewId: string): User[] {
  return (staff ?? [])
    .filter((u) => u.role === 'crew' && u.crewId === crewId)
    .sort((a, b) => (a.displayName || a.username).localeCompare(b.displayName || b.username, 'zh-CN'));
}
