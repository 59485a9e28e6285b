import { type NoticeKind, type NoticeParams, type NotificationEvent, rooms } from '@gd/domain';
import { Injectable, NotFoundException } from '@nestjs/common';
import type { AuthUser } from '../common/auth-user.js';
import { LIST_LIMIT_DEFAULT } from '../common/pagination.js';
import type { DatabaseHandle, DatabaseOrTransaction } from '../db/client.js';
import { InjectDatabase } from '../db/database.module.js';
import type { AfterCommit } from '../db/transaction.js';
import { RealtimeService } from '../realtime/realtime.service.js';
import { type NotificationRow, NotificationsRepository } from './notifications.repository.js';

/** A notice of one kind with its typed parameters (rendered by the apps), and the Chinese fallback text. */
export type Notice = {
  [K in NoticeKind]: {
    ticketId: string | null;
    kind: K;
    params: NoticeParams[K];
    message: string;
    data?: Record<string, unknown>;
  };
}[NoticeKind];

export const toNotificationEvent = (
  n: NotificationRow,
): NotificationEvent & {
  readAt: string | null;
  data: Record<string, unknown>;
} => ({
  id: n.id,
  userId: n.userId,
  ticketId: n.ticketId,
  kind: n.kind,
  params: (n.data.params as Record<string, unknown> | undefined) ?? null,
  message: n.message,
  at: n.createdAt.toISOString(),
  readAt: n.readAt ? n.readAt.toISOString() : null,
  data: n.data,
});

/**
 * Personal notices: a row per recipient written in the caller's transaction (kept for whoever is offline) and a
 * `notification` socket event to the recipient's room once the transaction has committed.
 */
@Injectable()
export class NotificationsService {
  constructor(
    @InjectDatabase() private readonly database: DatabaseHandle,
    private readonly repo: NotificationsRepository,
    private readonly realtime: RealtimeService,
  ) {}

  async notify(
    tx: DatabaseOrTransaction,
    afterCommit: AfterCommit,
    userIds: Iterable<string>,
    notice: Notice,
  ) {
    const recipients = [...new Set(userIds)];
    const rows = await this.repo.insertMany(
      tx,
      recipients.map((userId) => ({
        userId,
        ticketId: notice.ticketId,
        kind: notice.kind,
        message: notice.message,
        data: { ...notice.data, params: notice.params },
      })),
    );
    afterCommit(() => {
      for (const row of rows) {
        const { readAt: _r, data: _d, ...event } = toNotificationEvent(row);
        this.realtime.emit('notification', event, [rooms.user(row.userId)]);
      }
    });
    return rows;
  }

  async list(user: AuthUser, opts: { unread?: boolean; limit?: number }) {
    const rows = await this.repo.listFor(this.database.db, user.id, {
      unread: opts.unread,
      limit: opts.limit ?? LIST_LIMIT_DEFAULT,
    });
    return rows.map(toNotificationEvent);
  }

  async markRead(user: AuthUser, id: string) {
    const row = await this.repo.findById(this.database.db, id);
    if (!row || row.userId !== user.id) throw new NotFoundException(`no notification ${id}`);
    const updated = (await this.repo.markRead(this.database.db, user.id, id)) ?? row;
    return toNotificationEvent(updated);
  }
}
