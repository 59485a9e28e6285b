import { Injectable } from '@nestjs/common';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../db/client.js';
import { notifications } from '../db/schema/index.js';

export type NotificationRow = typeof notifications.$inferSelect;
export type NewNotification = typeof notifications.$inferInsert;

@Injectable()
export class NotificationsRepository {
  async insertMany(db: DatabaseOrTransaction, rows: NewNotification[]) {
    if (rows.length === 0) return [];
    return db.insert(notifications).values(rows).returning();
  }

  listFor(db: DatabaseOrTransaction, userId: string, opts: { unread?: boolean; limit: number }) {
    return db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, userId), opts.unread ? isNull(notifications.readAt) : undefined))
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(opts.limit);
  }

  async markRead(db: DatabaseOrTransaction, userId: string, id: string) {
    const [row] = await db
      .update(notifications)
      .set({ readAt: new Date() })
      .where(and(eq(notifications.id, id), eq(notifications.userId, userId), isNull(notifications.readAt)))
      .returning();
    return row;
  }

  findById(db: DatabaseOrTransaction, id: string) {
    return db.query.notifications.findFirst({ where: eq(notifications.id, id) });
  }
}
