import type { CrewStatus } from '@gd/domain';
import { sql } from 'drizzle-orm';
import {
  bigserial,
  doublePrecision,
  index,
  pgTable,
  text,
  time,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { at, createdAt, lat, lng } from './_columns.js';

export const crews = pgTable('crews', {
  id: uuid().primaryKey().defaultRandom(),
  code: text().notNull().unique(),
  name: text().notNull(),
  skills: text().array().notNull().default(sql`'{}'::text[]`),
  status: text().$type<CrewStatus>().notNull().default('off_duty'),
  vehicle: text(),
  district: text(),
  depotName: text(),
  depotLat: lat().notNull(),
  depotLng: lng().notNull(),
  shiftStart: time(),
  shiftEnd: time(),
  phone: text(),
  /** The order the crew is working on now. */
  ticketId: uuid(),
  /** The newest position by recorded time: kept hot here so every API node sees the same one. */
  lastLat: lat(),
  lastLng: lng(),
  lastAt: at(),
  lastSpeedKmh: doublePrecision(),
  lastHeading: doublePrecision(),
  createdAt: createdAt(),
  updatedAt: createdAt(),
});

/** The full GPS trail; one row per (crew, recorded instant), so re-sent points are duplicates. */
export const crewPositions = pgTable(
  'crew_positions',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    crewId: uuid().notNull(),
    lat: lat().notNull(),
    lng: lng().notNull(),
    recordedAt: at().notNull(),
    receivedAt: createdAt(),
    speedKmh: doublePrecision(),
    heading: doublePrecision(),
    accuracyM: doublePrecision(),
  },
  (t) => [uniqueIndex().on(t.crewId, t.recordedAt), index().on(t.recordedAt)],
);
