/** One GPS fix that passed validation, ready for the trail. */
export interface CheckedPosition {
  lat: number;
  lng: number;
  recordedAt: Date;
  speedKmh: number | null;
  heading: number | null;
  accuracyM: number | null;
}

export interface PositionRules {
  now: Date;
  /** Fixes older than this are refused (they would be pruned anyway). */
  retentionDays: number;
  /** Device clocks run a little ahead: fixes up to this far in the future are accepted. Default 2 min. */
  futureSkewMs?: number;
  /** Fixes vaguer than this are refused as "inaccurate". Default 500 m. */
  maxAccuracyM?: number;
}

export const MAX_BATCH = 500;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * Checks one posted fix. Numbers must be JSON numbers (not strings, NaN or Infinity); the time an ISO-8601 string
 * with an offset, not in the future beyond the skew and not older than the retention.
 * Returns the reason as a short sentence starting with the field at fault.
 */
export function checkPosition(raw: unknown, rules: PositionRules): CheckedPosition | { reason: string } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return { reason: 'not a position object' };
  const p = raw as Record<string, unknown>;
  if (!isNum(p.lat) || p.lat < -90 || p.lat > 90) return { reason: 'lat: must be a number from -90 to 90' };
  if (!isNum(p.lng) || p.lng < -180 || p.lng > 180)
    return { reason: 'lng: must be a number from -180 to 180' };
  if (typeof p.recordedAt !== 'string' || !ISO.test(p.recordedAt) || Number.isNaN(Date.parse(p.recordedAt))) {
    return { reason: 'recordedAt: must be an ISO-8601 time with an offset' };
  }
  const at = new Date(p.recordedAt);
  const now = rules.now.getTime();
  if (at.getTime() > now + (rules.futureSkewMs ?? 120_000)) return { reason: 'recordedAt: in the future' };
  if (at.getTime() < now - rules.retentionDays * 86_400_000) {
    return { reason: `recordedAt: older than the ${rules.retentionDays}-day retention` };
  }
  for (const [key, min, max] of [
    ['speedKmh', 0, 400],
    ['heading', 0, 360],
    ['accuracyM', 0, Number.POSITIVE_INFINITY],
  ] as const) {
    const v = p[key];
    if (v !== undefined && v !== null && (!isNum(v) || v < min || v > max)) {
      return {
        reason: `${key}: must be a number from ${min}${max === Number.POSITIVE_INFINITY ? ' up' : ` to ${max}`}`,
      };
    }
  }
  const accuracyM = isNum(p.accuracyM) ? p.accuracyM : null;
  if (accuracyM !== null && accuracyM > (rules.maxAccuracyM ?? 500)) return { reason: 'inaccurate' };
  return {
    lat: p.lat,
    lng: p.lng,
    recordedAt: at,
    speedKmh: isNum(p.speedKmh) ? p.speedKmh : null,
    heading: isNum(p.heading) ? p.heading : null,
    accuracyM,
  };
}
