import { index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { at } from './_columns.js';

/**
 * Per-client request counters of the public routes, shared by every node on the database (auth/throttle-storage.ts):
 * hits in the current window, and a block once over the limit. Rows of windows long over are deleted now and then.
 */
export const throttleHits = pgTable(
  'throttle_hits',
  {
    key: text().primaryKey(),
    hits: integer().notNull(),
    windowEndsAt: at().notNull(),
    blockedUntil: at(),
  },
  (t) => [index().on(t.windowEndsAt)],
);
