import type { Instant } from '../types.js';

const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;

/** The last string parsed and its value: a loop over many clocks at one `now` parses it once. */
let lastString = '';
let lastStringMs = Number.NaN;

/** Epoch milliseconds of an instant. Strings must carry a zone designator (no machine-zone guessing). */
export function toMs(value: Instant, what = 'instant'): number {
  let ms: number;
  if (typeof value === 'number') ms = value;
  else if (typeof value === 'string') {
    if (value === lastString) return lastStringMs;
    if (!ISO_WITH_ZONE.test(value)) {
      throw new RangeError(`${what}: "${value}" is not an ISO-8601 instant with a zone designator`);
    }
    ms = Date.parse(value);
    if (Number.isFinite(ms)) {
      lastString = value;
      lastStringMs = ms;
    }
  } else ms = value.getTime();
  if (!Number.isFinite(ms)) throw new RangeError(`${what}: invalid instant ${String(value)}`);
  return ms;
}

export function toIso(ms: number): string {
  return new Date(ms).toISOString();
}

export function toIsoOrNull(ms: number): string | null {
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}
