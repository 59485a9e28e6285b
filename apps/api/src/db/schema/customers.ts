import { ZONE_CLASSES } from '@gd/domain';
import { sql } from 'drizzle-orm';
import { boolean, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, lat, lng } from './_columns.js';

export const customers = pgTable(
  'customers',
  {
    id: uuid().primaryKey().defaultRandom(),
    accountNo: text().notNull().unique(),
    name: text().notNull(),
    /** Normalised: E.164 for mobiles and landlines (+8613812345678, +867318xxxxxxx). */
    phone: text().notNull(),
    address: text().notNull(),
    lat: lat().notNull(),
    lng: lng().notNull(),
    zoneId: text().notNull(),
    zoneClass: text({ enum: ZONE_CLASSES }).notNull(),
    district: text().notNull(),
    tags: text().array().notNull().default(sql`'{}'::text[]`),
    /** The customer asked for no messages (退订 / STOP): nothing is sent, the history says so. */
    messagesOptOut: boolean().notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    index().on(t.phone),
    index('customers_name_trgm').using('gin', sql`${t.name} gin_trgm_ops`),
    index('customers_address_trgm').using('gin', sql`${t.address} gin_trgm_ops`),
    // Search by a name's first one or two characters, in name order (byte order: LIKE 'x%' can use it).
    index('customers_name_prefix').using('btree', sql`${t.name} collate "C"`, t.id),
    // Search by number: an account number's prefix, a phone number's last digits (LIKE 'x%' needs pattern ops).
    index('customers_account_no_prefix').using('btree', sql`${t.accountNo} text_pattern_ops`),
    index('customers_phone_suffix').using('btree', sql`reverse(${t.phone}) text_pattern_ops`),
    // An outage's customers, page by page in place order (the fan-out's cursor): each page reads on from the last.
    index('customers_place').on(t.lat, t.lng, t.id),
  ],
);
