import { PublicApiError } from './api';
import type { DICTS } from './i18n';

type T = (typeof DICTS)['zh'];

/** Error text for a failed public call. */
export function errorText(t: T, err: unknown): string {
  if (err instanceof PublicApiError) {
    if (err.status === 429) return t.tooMany;
    if (err.status === 404) return t.notFound;
    if (err.status === 0) return t.failed;
    return err.message;
  }
  return t.failed;
}
