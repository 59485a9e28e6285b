import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { at, createdAt } from './_columns.js';

/**
 * Messages to customers: the outbox the workers send from, and the history of what each customer was told.
 * A row is written in the transaction of the change it reports (or, for a new order, right after its statement
 * committed), keyed by `dedupeKey` so that one event gives exactly one message whatever the node or the retry.
 *
 * Status: queued → sending (claimed by a worker until `claimedUntil`) → sent | failed (retried at
 * `nextAttemptAt`) → dead after the last attempt; suppressed when it must not go (opted out, not a mobile,
 * rate limited).
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
    // The workers' claim: what is due, oldest first.
    index('messages_due').on(t.nextAttemptAt).where(sql`${t.status} in ('queued', 'failed', 'sending')`),
    index().on(t.ticketId, t.createdAt),
    index().on(t.customerId, t.createdAt),
    index().on(t.status, t.createdAt),
    // The rate limit: what one number was sent lately.
    index().on(t.to, t.sentAt),
  ],
);

/**
 * Fan-out jobs: one row for an outage's message to everyone inside it, expanded by a worker page by page
 * (`cursor` = the last customer id done), so publishing an outage over 5,000 customers writes one row.
 */
export const messageJobs = pgTable(
  'message_jobs',
  {
    id: uuid().primaryKey().defaultRandom(),
    kind: text({
      enum: ['outage_fault', 'outage_planned_7d', 'outage_planned_1d', 'outage_restored'],
    }).notNull(),
    outageId: uuid().notNull(),
    status: text({ enum: ['queued', 'running', 'done', 'skipped'] })
      .notNull()
      .default('queued'),
    runAt: at().notNull().defaultNow(),
    claimedBy: text(),
    claimedUntil: at(),
    cursor: uuid(),
    fannedOut: integer().notNull().default(0),
    error: text(),
    dedupeKey: text().notNull().unique(),
    createdAt: createdAt(),
    doneAt: at(),
  },
  (t) => [index('message_jobs_due').on(t.runAt).where(sql`${t.status} in ('queued', 'running')`)],
);
