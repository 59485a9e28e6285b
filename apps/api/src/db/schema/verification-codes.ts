import { index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { at, createdAt } from './_columns.js';

/** One-time codes that prove a public reporter holds the phone they give (/report); only a hash is kept. */
export const verificationCodes = pgTable(
  'verification_codes',
  {
    id: uuid().primaryKey().defaultRandom(),
    phone: text().notNull(),
    codeHash: text().notNull(),
    expiresAt: at().notNull(),
    /** Wrong guesses so far; the code is void after a few. */
    attempts: integer().notNull().default(0),
    usedAt: at(),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.phone, t.createdAt)],
);
