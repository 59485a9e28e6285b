import type { NoticeKind, NoticeParams, NotificationEvent } from '@gd/domain';
import { Injectable, NotFoundException } from '@nestjs/common';
import type { AuthUser } from '../common/auth-user.js';
import { LIST_LIMIT_DEFAULT } from '../common/pagination.js';
import type { DatabaseHandle, Transaction } from '../db/client.js';
import { InjectDatabase } from '../db/database.module.js';
import { DomainEventBus } from '../events/event-bus.js';
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
 * Personal notices: a row per recipient written in the caller's transaction (kept for whoever is offline), raised
 * as `notification.created` (NotificationSocketsListener pushes each to its recipient once committed).
 */
@Injectable()
export class NotificationsService {
  constructor(
    @InjectDatabase() private readonly database: DatabaseHandle,
    private readonly repo: NotificationsRepository,
    private readonly events: DomainEventBus,
  ) {}

  async notify(tx: Transaction, userIds: Iterable<string>, notice: Notice) {
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
    await this.events.raise(tx, 'notification.created', { rows });
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
