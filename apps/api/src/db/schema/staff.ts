import { ROLES } from '@gd/domain';
import { boolean, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { at, createdAt } from './_columns.js';

export const staff = pgTable(
  'staff',
  {
    id: uuid().primaryKey().defaultRandom(),
    username: text().notNull().unique(),
    displayName: text().notNull(),
    role: text({ enum: ROLES }).notNull(),
    /** Crew accounts belong to one crew. */
    crewId: uuid(),
    district: text(),
    /** The call-centre team (班组) the account works in, e.g. '一班'; its members share a queue. */
    team: text(),
    passwordHash: text().notNull(),
    disabled: boolean().notNull().default(false),
    failedLogins: integer().notNull().default(0),
    lockedUntil: at(),
    /** Bumped on disable and password change, so older tokens stop working. */
    tokenVersion: integer().notNull().default(0),
    createdAt: createdAt(),
    updatedAt: createdAt(),
  },
  (t) => [index().on(t.role), index().on(t.crewId)],
);
