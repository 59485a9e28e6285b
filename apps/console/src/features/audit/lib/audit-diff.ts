/** One field of an audit record, before and after. */
export interface AuditDiffRow {
  field: string;
  before: string;
  after: string;
  changed: boolean;
  /** The values as recorded, for display (auditValue). */
  raw: { before: unknown; after: unknown };
}

/**
 * An audit record's before and after as rows a person reads: one per top-level field (nested objects shown as
 * compact JSON), changed fields first, then the unchanged in their order. A record with only an after (a creation)
 * has empty befores.
 * @example auditDiff({ status: 'accepted' }, { status: 'dispatched', crewId: 'k1' })
 * //=> [{ field: 'status', before: 'accepted', after: 'dispatched', changed: true },
 * //    { field: 'crewId', before: '', after: 'k1', changed: true }]
 */
export function auditDiff(before: unknown, after: unknown): AuditDiffRow[] {
  const b = asRecord(before);
  const a = asRecord(after);
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  const rows = fields.map((field) => {
    const was = show(b[field]);
    const now = show(a[field]);
    return {
      field,
      before: was,
      after: now,
      changed: was !== now,
      raw: { before: b[field], after: a[field] },
    };
  });
  return [...rows.filter((r) => r.changed), ...rows.filter((r) => !r.changed)];
}

function asRecord(v: unknown): Record<string, unknown> {
  if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  return v === null || v === undefined ? {} : { value: v };
}

function show(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}
