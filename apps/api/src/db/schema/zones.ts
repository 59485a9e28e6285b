import type { PolygonGeometry } from '@gd/domain';
import { ZONE_CLASSES } from '@gd/domain';
import { index, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { lat, lng } from './_columns.js';

/** Service zones: polygons tagged urban / rural / remote and grouped into districts. */
export const zones = pgTable(
  'zones',
  {
    id: text().primaryKey(),
    name: text().notNull(),
    district: text().notNull(),
    zoneClass: text({ enum: ZONE_CLASSES }).notNull(),
    area: jsonb().$type<PolygonGeometry>().notNull(),
    minLat: lat().notNull(),
    minLng: lng().notNull(),
    maxLat: lat().notNull(),
    maxLng: lng().notNull(),
  },
  (t) => [index().on(t.district)],
);
