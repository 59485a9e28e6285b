import type { Crew } from '@gd/domain';
import { describe, expect, it } from 'vitest';
import { countCrewsByStatus, crewMatches, mergePosition, mergeStatus } from './crews';

const crew = (over: Partial<Crew> = {}): Crew => ({
  id: 'c1',
  name: '岳麓一班',
  skills: ['distribution'],
  status: 'available',
  depot: { lat: 28.2, lng: 112.9 },
  position: { lat: 28.2, lng: 112.9, at: '2026-11-22T02:00:00.000Z' },
  ticketId: null,
  ...over,
});

describe('mergePosition', () => {
  it('moves the crew to a newer position', () => {
    const next = mergePosition(crew(), {
      id: 'e',
      crewId: 'c1',
      lat: 28.21,
      lng: 112.91,
      at: '2026-11-22T02:00:05.000Z',
    });
    expect(next?.position).toMatchObject({ lat: 28.21, lng: 112.91, at: '2026-11-22T02:00:05.000Z' });
  });
  it('ignores an older position and unknown crews', () => {
    const c = crew();
    expect(mergePosition(c, { id: 'e', crewId: 'c1', lat: 1, lng: 1, at: '2026-11-22T01:59:00.000Z' })).toBe(
      c,
    );
    expect(
      mergePosition(undefined, { id: 'e', crewId: 'x', lat: 1, lng: 1, at: '2026-11-22T03:00:00Z' }),
    ).toBeUndefined();
  });
  it('gives a crew without a position its first one', () => {
    const next = mergePosition(crew({ position: null }), {
      id: 'e',
      crewId: 'c1',
      lat: 1,
      lng: 2,
      at: '2026-11-22T02:00:00Z',
    });
    expect(next?.position?.lng).toBe(2);
  });
});

describe('mergeStatus', () => {
  it('changes status and ticket', () => {
    const next = mergeStatus(crew(), { id: 'e', crewId: 'c1', status: 'dispatched', ticketId: 't1' });
    expect(next).toMatchObject({ status: 'dispatched', ticketId: 't1' });
  });
  it('keeps the same object when nothing changed', () => {
    const c = crew();
    expect(mergeStatus(c, { id: 'e', crewId: 'c1', status: 'available', ticketId: null })).toBe(c);
  });
  it('takes the whole crew when the event carries it, keeping the newer position', () => {
    const current = crew({ position: { lat: 5, lng: 5, at: '2026-11-22T03:00:00Z' } });
    const next = mergeStatus(current, {
      id: 'e',
      crewId: 'c1',
      status: 'en_route',
      ticketId: 't',
      crew: crew({ status: 'en_route', ticketId: 't' }),
    });
    expect(next?.status).toBe('en_route');
    expect(next?.position?.lat).toBe(5);
  });
});

describe('filters and counts', () => {
  it('filters by status and district', () => {
    expect(crewMatches(crew(), '岳麓区', { district: '', crewStatus: '' })).toBe(true);
    expect(crewMatches(crew(), '岳麓区', { district: '长沙县', crewStatus: '' })).toBe(false);
    expect(crewMatches(crew(), null, { district: '', crewStatus: 'on_site' })).toBe(false);
  });
  it('counts every status, zeros included', () => {
    const counts = countCrewsByStatus([crew(), crew({ status: 'on_site' }), crew()]);
    expect(counts.available).toBe(2);
    expect(counts.on_site).toBe(1);
    expect(counts.off_duty).toBe(0);
  });
});
