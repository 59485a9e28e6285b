import { CALL_OUTCOMES, CHANNELS } from '@gd/domain';
import { sql } from 'drizzle-orm';
import { index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { at } from './_columns.js';

/** Every contact with a customer, whatever came of it. */
export const calls = pgTable(
  'calls',
  {
    id: uuid().primaryKey().defaultRandom(),
    agentId: uuid().notNull(),
    phone: text().notNull(),
    channel: text({ enum: CHANNELS }).notNull(),
    customerId: uuid(),
    notes: text(),
    outcome: text({ enum: CALL_OUTCOMES }),
    ticketId: uuid(),
    startedAt: at().notNull().defaultNow(),
    endedAt: at(),
  },
  (t) => [
    index().on(t.startedAt),
    index().on(t.agentId, t.startedAt),
    index().on(t.ticketId),
    index().on(t.customerId),
    // The screen pop: orders reported from the caller's number.
    index('calls_phone_ticket').on(t.phone, t.ticketId).where(sql`${t.ticketId} is not null`),
  ],
);
