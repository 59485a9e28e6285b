import { index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { at, createdAt } from './_columns.js';

/** Personal notices (to the first responder and owner of an order), kept so nothing is missed while offline. */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid().notNull(),
    ticketId: uuid(),
    kind: text().notNull(),
    message: text().notNull(),
    data: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
    readAt: at(),
  },
  (t) => [index().on(t.userId, t.createdAt)],
);
