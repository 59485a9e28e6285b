import { jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { at, createdAt } from './_columns.js';

/** Operational switches shared by every API node (e.g. auto-dispatch on/off). */
export const settings = pgTable('settings', {
  key: text().primaryKey(),
  value: jsonb().notNull(),
  updatedBy: uuid(),
  updatedAt: createdAt(),
});

/** Area-wide emergencies declared by a supervisor: clocks inside the zones and window pause or are exempt. */
export const emergencies = pgTable('emergencies', {
  id: uuid().primaryKey().defaultRandom(),
  zoneIds: text().array().notNull(),
  startsAt: at().notNull(),
  endsAt: at().notNull(),
  mode: text({ enum: ['pause', 'exempt'] }).notNull(),
  reason: text().notNull(),
  declaredBy: uuid().notNull(),
  createdAt: createdAt(),
});
