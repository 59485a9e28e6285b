import { timingSafeEqual } from 'node:crypto';
import { polygonContains } from '@gd/domain';
import { Injectable, Logger, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { AuditRepository } from '../audit/audit.repository.js';
import type { AuthUser } from '../common/auth-user.js';
import { LIST_LIMIT_DEFAULT } from '../common/pagination.js';
import { normalizePhone } from '../common/phone.js';
import type { Config } from '../config.js';
import { InjectConfig } from '../config.module.js';
import type { DatabaseHandle, DatabaseOrTransaction } from '../db/client.js';
import { InjectDatabase } from '../db/database.module.js';
import type { outages, tickets } from '../db/schema/index.js';
import { inTransaction } from '../db/transaction.js';
import { type MessageChannel } from './channels/index.js';
import { maskPhone } from './channels/log.channel.js';
import { MessageQueue } from './message-queue.js';
import { isMobile, localDateTime, sendableAt } from './message-rules.js';
import { isUnsubscribe, type ListMessagesQuery, type SmsReply, toMessage } from './messages.dto.js';
import { MessagesRepository, type NewMessage } from './messages.repository.js';
import { renderTemplate, TEMPLATES, type TemplateCode } from './templates.js';

type TicketRow = typeof tickets.$inferSelect;
type OutageRow = typeof outages.$inferSelect;
export const MESSAGE_CHANNEL = Symbol('MESSAGE_CHANNEL');
type Written = Awaited<ReturnType<MessagesRepository['insert']>>[number];

/** Writes messages into the outbox: who to tell, the text, whether it may go and when. */
@Injectable()
export class MessagesService {
  private readonly logger = new Logger('Messages');

  constructor(
    @InjectConfig() private readonly config: Config,
    @InjectDatabase() private readonly database: DatabaseHandle,
    private readonly repo: MessagesRepository,
    private readonly audit: AuditRepository,
    private readonly queue: MessageQueue,
  ) {}

  /**
   * Writes messages with their send jobs, in `db`'s transaction (one is opened when given the database itself),
   * so a message is never without its job; one whose dedupe key exists is skipped. The rows written.
   */
  async write(db: DatabaseOrTransaction, rows: NewMessage[]): Promise<Written[]> {
    if (!rows.length) return [];
    if (db === this.database.db) return inTransaction(this.database.db, (tx) => this.write(tx, rows));
    const inserted = await this.repo.insert(db, rows);
    await this.queue.enqueueSends(
      db,
      inserted.filter((m) => m.status === 'queued'),
    );
    return inserted;
  }

  get channelKind(): 'sms' | 'wechat' {
    return this.config.MESSAGES_CHANNEL === 'wechat' ? 'wechat' : 'sms';
  }

  trackLink(number: string): string {
    return `${this.config.PUBLIC_BASE_URL.replace(/\/$/, '')}/track/${number}`;
  }

  /**
   * One message about an order, to the caller who reported it or else the order's customer; none when the order
   * has neither. `key` makes the event's message unique (the same event seen twice writes nothing more).
   */
  async forTicket(
    db: DatabaseOrTransaction,
    ticket: TicketRow,
    template: TemplateCode,
    variables: Record<string, string>,
    key: string,
    now = new Date(),
  ) {
    const r = await this.repo.recipient(db, ticket.id, ticket.customerId);
    const to = r.callerPhone ?? r.customerPhone;
    if (!to) return null;
    const row = this.draft({
      to,
      template,
      variables,
      dedupeKey: key,
      ticketId: ticket.id,
      customerId: ticket.customerId,
      optOut: r.optOut ?? false,
      now,
    });
    const [inserted] = await this.write(db, [row]);
    if (inserted && row.status === 'queued' && row.nextAttemptAt && row.nextAttemptAt > now) {
      // Otherwise a night-time demo looks as if nothing was sent: the log says when it will go.
      this.logger.log(
        `${template} to ${maskPhone(to)} held for quiet hours (${this.config.MESSAGES_QUIET_HOURS}) until ${localDateTime(row.nextAttemptAt, this.config.TZ)}`,
      );
    }
    return inserted ?? null;
  }

  async list(q: ListMessagesQuery) {
    // A message being sent right now is still queued as far as staff are concerned.
    const statuses = q.status === 'queued' ? ['queued', 'sending'] : q.status ? [q.status] : undefined;
    const rows = await this.repo.list(this.database.db, {
      ...q,
      statuses,
      limit: q.limit ?? LIST_LIMIT_DEFAULT,
    });
    const now = new Date();
    return rows.map((m) => toMessage(m, now));
  }

  /** Staff set a customer's opt-out on their request; audited. */
  async setOptOut(user: AuthUser, customerId: string, optOut: boolean) {
    await inTransaction(this.database.db, async (tx) => {
      const changed = await this.repo.setOptOut(tx, { id: customerId }, optOut);
      if (!changed.length) throw new NotFoundException(`no customer ${customerId}`);
      await this.audit.record(tx, {
        actorId: user.id,
        action: 'customer.messages_opt_out',
        entity: 'customer',
        entityId: customerId,
        after: { optOut },
      });
    });
    return { customerId, optOut };
  }

  /**
   * Replies to our texts from the provider's callback: 退订/TD/STOP opts out every customer with that number
   * (the reply carries no more than the number). Anything else is ignored here (an agent calls back if needed).
   */
  async replies(token: string | undefined, body: unknown) {
    const expected = this.config.MESSAGES_INBOUND_TOKEN;
    if (!expected) throw new NotFoundException();
    if (!token || !safeEqual(token, expected)) throw new UnauthorizedException('bad x-messages-token');
    const list = (Array.isArray(body) ? body : [body]) as SmsReply[];
    let optedOut = 0;
    for (const r of list.slice(0, 100)) {
      if (typeof r?.mobile !== 'string' || typeof r.text !== 'string' || !isUnsubscribe(r.text)) continue;
      const code = typeof r.nationcode === 'string' && /^\d{1,4}$/.test(r.nationcode) ? r.nationcode : '86';
      const phone = normalizePhone(r.mobile.startsWith('+') ? r.mobile : `+${code}${r.mobile}`);
      if (!phone) continue;
      optedOut += (await this.repo.setOptOut(this.database.db, { phone }, true)).length;
    }
    return { optedOut };
  }

  /** 受理: the order's number and where to follow it. */
  accepted(db: DatabaseOrTransaction, ticket: TicketRow) {
    return this.forTicket(
      db,
      ticket,
      'order_accepted',
      { number: ticket.number, link: this.trackLink(ticket.number) },
      `ticket:${ticket.id}:order_accepted`,
    );
  }

  get escalates(): boolean {
    return this.config.MESSAGES_ESCALATION_TO.length > 0;
  }

  /**
   * A breached SLA time limit, to each staff phone configured (MESSAGES_ESCALATION_TO); not an order's customer
   * message, so it carries no ticket id (the order's number is in the text).
   */
  async escalation(
    db: DatabaseOrTransaction,
    e: { ticketId: string; number: string; clock: string; dueAt: Date },
  ) {
    const names: Record<string, string> = {
      arrival: '到达',
      restoration: '恢复送电',
      response: '响应',
      resolution: '办结',
    };
    const rows = this.config.MESSAGES_ESCALATION_TO.map((p) => normalizePhone(p))
      .filter((p): p is string => !!p)
      .map((to) =>
        this.draft({
          to,
          template: 'sla_breached',
          variables: {
            number: e.number,
            clock: names[e.clock] ?? e.clock,
            dueAt: localDateTime(e.dueAt, this.config.TZ),
          },
          dedupeKey: `sla:${e.ticketId}:${e.clock}:breached:${to}`,
          optOut: false,
        }),
      );
    return this.write(db, rows);
  }

  /** A one-time code to a phone that is being verified (public report): always at once, never rate limited here. */
  async code(db: DatabaseOrTransaction, to: string, code: string, key: string) {
    const [inserted] = await this.write(db, [
      this.draft({ to, template: 'verification_code', variables: { code }, dedupeKey: key, optOut: false }),
    ]);
    return inserted ?? null;
  }

  /**
   * Messages to every customer inside an outage's area, for one page of customers: rows are built here and
   * written (write()) in one statement (a page is ~500 customers), deduplicated per customer and outage.
   */
  outagePage(
    outage: OutageRow,
    template: TemplateCode,
    variables: Record<string, string>,
    page: { id: string; phone: string; lat: number; lng: number; optOut: boolean }[],
    now: Date,
  ): NewMessage[] {
    return page
      .filter((c) => polygonContains(outage.area, { lat: c.lat, lng: c.lng }))
      .map((c) =>
        this.draft({
          to: c.phone,
          template,
          variables,
          dedupeKey: `outage:${outage.id}:${template}:${c.id}`,
          customerId: c.id,
          outageId: outage.id,
          optOut: c.optOut,
          now,
        }),
      );
  }

  private draft(m: {
    to: string;
    template: TemplateCode;
    variables: Record<string, string>;
    dedupeKey: string;
    ticketId?: string | null;
    customerId?: string | null;
    outageId?: string | null;
    optOut: boolean;
    now?: Date;
  }): NewMessage {
    const t = TEMPLATES[m.template];
    const now = m.now ?? new Date();
    // By WeChat, the phone's bound follower is looked up when the message goes (messages.worker.ts).
    const unreachable = m.optOut
      ? '客户已退订 / opted out'
      : this.channelKind === 'sms' && !isMobile(m.to)
        ? '非手机号码，无法接收短信 / not a mobile number'
        : null;
    return {
      ticketId: m.ticketId ?? null,
      customerId: m.customerId ?? null,
      outageId: m.outageId ?? null,
      to: m.to,
      channel: this.channelKind,
      template: m.template,
      variables: m.variables,
      text: renderTemplate(m.template, m.variables),
      routine: t.routine,
      status: unreachable ? 'suppressed' : 'queued',
      error: unreachable,
      nextAttemptAt: t.routine ? sendableAt(now, this.config.MESSAGES_QUIET_HOURS, this.config.TZ) : now,
      dedupeKey: m.dedupeKey,
      createdAt: now,
    };
  }
}

export type { MessageChannel };

function safeEqual(a: string, b: string) {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
