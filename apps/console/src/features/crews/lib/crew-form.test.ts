import type { Crew, User } from '@gd/domain';
import { describe, expect, it } from 'vitest';
import { type CrewForm, crewMembers, toCrewForm, toCrewPayload, toggleSkill } from './crew-form.js';

const filled: CrewForm = {
  code: ' c41 ',
  name: ' 岳麓抢修41班 ',
  skills: ['metering', 'distribution'],
  depotName: ' 岳麓供电所 ',
  depotLat: '28.2',
  depotLng: ' 112.98 ',
  shiftStart: '08:00',
  shiftEnd: '20:00',
  vehicle: ' 湘A·12345 ',
  district: '',
  phone: '   ',
};

describe('toCrewPayload', () => {
  it('builds the API body: trimmed text, upper-case code, numbers, skills in domain order, blanks as null', () => {
    expect(toCrewPayload(filled)).toEqual({
      ok: true,
      payload: {
        code: 'C41',
        name: '岳麓抢修41班',
        skills: ['distribution', 'metering'],
        depot: { lat: 28.2, lng: 112.98, name: '岳麓供电所' },
        shift: { start: '08:00', end: '20:00' },
        vehicle: '湘A·12345',
        district: null,
        phone: null,
      },
    });
  });

  it('sends no shift (round the clock) when both times are empty, and no depot name when blank', () => {
    const r = toCrewPayload({ ...filled, shiftStart: '', shiftEnd: '', depotName: ' ' });
    expect(r.ok && r.payload.shift).toBeNull();
    expect(r.ok && r.payload.depot).toEqual({ lat: 28.2, lng: 112.98 });
  });

  it('refuses coordinates that are blank, not numbers or out of range, and a half-filled shift', () => {
    expect(toCrewPayload({ ...filled, depotLat: '', depotLng: 'abc' })).toEqual({
      ok: false,
      errors: ['depotLat', 'depotLng'],
    });
    expect(toCrewPayload({ ...filled, depotLat: '91', depotLng: '-181' })).toEqual({
      ok: false,
      errors: ['depotLat', 'depotLng'],
    });
    expect(toCrewPayload({ ...filled, shiftEnd: '' })).toEqual({ ok: false, errors: ['shift'] });
  });

  it('round-trips an existing crew through the form unchanged', () => {
    const crew: Crew = {
      id: 'k1',
      code: 'C01',
      name: '一班',
      skills: ['cable', 'overhead_line'],
      status: 'available',
      depot: { lat: 28.19, lng: 112.97 },
      position: null,
      ticketId: null,
      district: '岳麓区',
      vehicle: null,
      shift: { start: '20:00', end: '08:00' },
      phone: '0731-1234',
    };
    expect(toCrewPayload(toCrewForm(crew))).toEqual({
      ok: true,
      payload: {
        code: 'C01',
        name: '一班',
        skills: ['cable', 'overhead_line'],
        depot: { lat: 28.19, lng: 112.97 },
        shift: { start: '20:00', end: '08:00' },
        vehicle: null,
        district: '岳麓区',
        phone: '0731-1234',
      },
    });
  });
});

describe('toggleSkill and crewMembers', () => {
  it('ticks and unticks a skill', () => {
    expect(toggleSkill(['metering'], 'cable')).toEqual(['cable', 'metering']);
    expect(toggleSkill(['cable', 'metering'], 'cable')).toEqual(['metering']);
  });

  it('lists only crew accounts of that crew', () => {
    const u = (id: string, role: User['role'], crewId: string | null): User => ({
      id,
      username: id,
      displayName: id,
      role,
      crewId,
      team: null,
    });
    const staff = [
      u('b', 'crew', 'k1'),
      u('a', 'crew', 'k1'),
      u('c', 'crew', 'k2'),
      u('d', 'dispatcher', 'k1'),
    ];
    expect(crewMembers(staff, 'k1').map((m) => m.id)).toEqual(['a', 'b']);
    expect(crewMembers(undefined, 'k1')).toEqual([]);
  });
});
