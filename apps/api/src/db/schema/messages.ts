import { boolean, index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { at, createdAt } from './_columns.js';

/**
 * Messages to customers: the outbox and the history of what each customer was told. A row is written in the
 * transaction of the change it reports (or, for a new order, right after its statement committed), with its
 * pg-boss send job (same id) in that transaction, keyed by `dedupeKey` so that one event gives exactly one message
 * whatever the node or the retry.
 *
 * Status: queued → sending (taken by a worker's job attempt `claimedBy` until `claimedUntil`) → sent | failed
 * (retried by pg-boss, not before `nextAttemptAt`) → dead after the last attempt; suppressed when it must not go
 * (opted out, not a mobile, rate limited).
 */
export const messages = pgTable(
  'messages',
  {
    id: uuid().primaryKey().defaultRandom(),
    ticketId: uuid(),
    customerId: uuid(),
    outageId: uuid(),
    to: text().notNull(),
    channel: text({ enum: ['sms', 'wechat'] }).notNull(),
    /** Which channel implementation sent it: log, aliyun, tencent, wechat. */
    provider: text(),
    template: text().notNull(),
    variables: jsonb().$type<Record<string, string>>().notNull().default({}),
    text: text().notNull(),
    /** Routine messages wait for the end of quiet hours and count against the rate limit; outages never do. */
    routine: boolean().notNull().default(true),
    status: text({ enum: ['queued', 'sending', 'sent', 'failed', 'suppressed', 'dead'] })
      .notNull()
      .default('queued'),
    attempts: integer().notNull().default(0),
    nextAttemptAt: at().notNull().defaultNow(),
    claimedBy: text(),
    claimedUntil: at(),
    sentAt: at(),
    providerMessageId: text(),
    error: text(),
    dedupeKey: text().notNull().unique(),
    createdAt: createdAt(),
  },
  (t) => [
    index().on(t.ticketId, t.createdAt),
    index().on(t.customerId, t.createdAt),
    index().on(t.status, t.createdAt),
    // The rate limit: what one number was sent lately.
    index().on(t.to, t.sentAt),
  ],
);
