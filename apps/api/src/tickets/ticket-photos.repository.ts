import { Injectable } from '@nestjs/common';
import { and, asc, count, eq, getTableColumns } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../db/client.js';
import { ticketPhotos } from '../db/schema/index.js';

const { data: _bytes, clientKey: _key, ...META } = getTableColumns(ticketPhotos);
export type TicketPhotoRow = typeof ticketPhotos.$inferSelect;
export type TicketPhotoMeta = Omit<TicketPhotoRow, 'data' | 'clientKey'>;

@Injectable()
export class TicketPhotosRepository {
  /** The order's photos, oldest first, without their bytes. */
  list(db: DatabaseOrTransaction, ticketId: string): Promise<TicketPhotoMeta[]> {
    return db
      .select(META)
      .from(ticketPhotos)
      .where(eq(ticketPhotos.ticketId, ticketId))
      .orderBy(asc(ticketPhotos.createdAt), asc(ticketPhotos.id));
  }

  async countFor(db: DatabaseOrTransaction, ticketId: string): Promise<number> {
    const [row] = await db
      .select({ n: count() })
      .from(ticketPhotos)
      .where(eq(ticketPhotos.ticketId, ticketId));
    return row?.n ?? 0;
  }

  async findOne(
    db: DatabaseOrTransaction,
    ticketId: string,
    id: string,
  ): Promise<TicketPhotoRow | undefined> {
    const [row] = await db
      .select()
      .from(ticketPhotos)
      .where(and(eq(ticketPhotos.ticketId, ticketId), eq(ticketPhotos.id, id)));
    return row;
  }

  async findByClientKey(db: DatabaseOrTransaction, ticketId: string, clientKey: string) {
    const [row] = await db
      .select(META)
      .from(ticketPhotos)
      .where(and(eq(ticketPhotos.ticketId, ticketId), eq(ticketPhotos.clientKey, clientKey)));
    return row;
  }

  /** Stores a photo; undefined when one with the same client key is already there (a retried upload). */
  async insert(
    db: DatabaseOrTransaction,
    row: typeof ticketPhotos.$inferInsert,
  ): Promise<TicketPhotoMeta | undefined> {
    const [created] = await db.insert(ticketPhotos).values(row).onConflictDoNothing().returning(META);
    return created;
  }
}
