import type { z } from 'zod';

/** `rules[3].clocks[0].minutes: must be > 0` from a zod issue. */
export function formatIssue(issue: z.core.$ZodIssue): string {
  let path = '';
  for (const key of issue.path) {
    if (typeof key === 'number') path += `[${key}]`;
    else path += path === '' ? String(key) : `.${String(key)}`;
  }
  return path === '' ? issue.message : `${path}: ${issue.message}`;
}
