import { customType, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from './_columns.js';
import { tickets } from './tickets.js';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  // PGlite hands back a Uint8Array, node-postgres a Buffer.
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

/**
 * Photos of a crew's completion report, kept with the order in the database (a few hundred KB each after the
 * phone resized them): one backup holds the order and its evidence. `clientKey` is the phone's id for the upload,
 * so an upload retried from the offline outbox is stored once.
 */
export const ticketPhotos = pgTable(
  'ticket_photos',
  {
    id: uuid().primaryKey().defaultRandom(),
    ticketId: uuid()
      .notNull()
      .references(() => tickets.id),
    crewId: uuid(),
    uploadedBy: uuid().notNull(),
    clientKey: text(),
    contentType: text().notNull(),
    sizeBytes: integer().notNull(),
    data: bytea().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('ticket_photos_ticket_idx').on(t.ticketId, t.createdAt),
    uniqueIndex('ticket_photos_client_key_idx').on(t.ticketId, t.clientKey),
  ],
);
