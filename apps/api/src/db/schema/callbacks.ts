import { CALLBACK_STATUSES, SATISFACTIONS } from '@gd/domain';
import { boolean, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { at, createdAt } from './_columns.js';

/** 回访: one task per completion of an order that needs a callback. */
export const callbacks = pgTable(
  'callbacks',
  {
    id: uuid().primaryKey().defaultRandom(),
    ticketId: uuid().notNull(),
    dueAt: at().notNull(),
    attempts: integer().notNull().default(0),
    status: text({ enum: CALLBACK_STATUSES }).notNull().default('due'),
    nextAttemptAt: at(),
    dueNotifiedAt: at(),
    createdAt: createdAt(),
    completedAt: at(),
  },
  (t) => [index().on(t.status, t.dueAt), index().on(t.ticketId)],
);

export const callbackAttempts = pgTable(
  'callback_attempts',
  {
    id: uuid().primaryKey().defaultRandom(),
    callbackId: uuid().notNull(),
    ticketId: uuid().notNull(),
    agentId: uuid().notNull(),
    at: createdAt(),
    reached: boolean().notNull(),
    resolved: boolean(),
    satisfaction: text({ enum: SATISFACTIONS }),
    timeliness: text(),
    attitude: text(),
    comment: text(),
  },
  (t) => [index().on(t.callbackId), index().on(t.at)],
);
