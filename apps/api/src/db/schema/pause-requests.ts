import { CLOCK_KINDS, PAUSE_REASONS } from '@gd/domain';
import { sql } from 'drizzle-orm';
import { index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { at, createdAt } from './_columns.js';

export const PAUSE_REQUEST_STATUSES = ['pending', 'approved', 'refused'] as const;

/**
 * A crew's or a dispatcher's request that a supervisor pause one clock of an order. At most one pending request per
 * order and clock (the partial unique index); a decided request keeps who decided, when and why (a refusal's reason).
 */
export const slaPauseRequests = pgTable(
  'sla_pause_requests',
  {
    id: uuid().primaryKey().defaultRandom(),
    ticketId: uuid().notNull(),
    clock: text({ enum: CLOCK_KINDS }).notNull(),
    reason: text({ enum: PAUSE_REASONS }).notNull(),
    note: text(),
    status: text({ enum: PAUSE_REQUEST_STATUSES }).notNull().default('pending'),
    requestedBy: uuid().notNull(),
    requestedAt: createdAt(),
    decidedBy: uuid(),
    decidedAt: at(),
    decisionNote: text(),
  },
  (t) => [
    uniqueIndex('sla_pause_requests_one_pending').on(t.ticketId, t.clock).where(sql`${t.status} = 'pending'`),
    index().on(t.status, t.requestedAt),
  ],
);
