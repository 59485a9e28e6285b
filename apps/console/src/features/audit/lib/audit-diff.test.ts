import { describe, expect, it } from 'vitest';
import { auditDiff } from './audit-diff.js';

const strip = (rows: ReturnType<typeof auditDiff>) => rows.map(({ raw: _raw, ...r }) => r);

describe('auditDiff', () => {
  it('puts changed fields first, with before and after side by side', () => {
    expect(
      strip(
        auditDiff(
          { status: 'accepted', ownerId: 'u1', priority: 'normal' },
          { status: 'dispatched', ownerId: 'u1', priority: 'normal', crewId: 'k1' },
        ),
      ),
    ).toEqual([
      { field: 'status', before: 'accepted', after: 'dispatched', changed: true },
      { field: 'crewId', before: '', after: 'k1', changed: true },
      { field: 'ownerId', before: 'u1', after: 'u1', changed: false },
      { field: 'priority', before: 'normal', after: 'normal', changed: false },
    ]);
  });
  it('reads a creation (no before), nested values and non-objects', () => {
    expect(auditDiff(null, { location: { lat: 28.2, lng: 113 }, tags: [] })[0]?.raw).toEqual({
      before: undefined,
      after: { lat: 28.2, lng: 113 },
    });
    expect(strip(auditDiff(null, { location: { lat: 28.2, lng: 113 }, tags: [] }))).toEqual([
      { field: 'location', before: '', after: '{"lat":28.2,"lng":113}', changed: true },
      { field: 'tags', before: '', after: '[]', changed: true },
    ]);
    expect(strip(auditDiff(undefined, 'x'))).toEqual([
      { field: 'value', before: '', after: 'x', changed: true },
    ]);
    expect(auditDiff(null, null)).toEqual([]);
  });
});
