import type { PolygonGeometry } from '@gd/domain';
import { index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { at, createdAt, lat, lng } from './_columns.js';

export const outages = pgTable(
  'outages',
  {
    id: uuid().primaryKey().defaultRandom(),
    kind: text({ enum: ['planned', 'fault'] }).notNull(),
    area: jsonb().$type<PolygonGeometry>().notNull(),
    minLat: lat().notNull(),
    minLng: lng().notNull(),
    maxLat: lat().notNull(),
    maxLng: lng().notNull(),
    startsAt: at().notNull(),
    endsAt: at(),
    estimatedRestoreAt: at(),
    description: text().notNull(),
    /** The master order that the calls from inside the area become children of. */
    ticketId: uuid(),
    status: text({ enum: ['active', 'restored'] })
      .notNull()
      .default('active'),
    restoredAt: at(),
    createdBy: uuid().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.status, t.startsAt)],
);
