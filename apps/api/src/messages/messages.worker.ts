import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import type { Config } from '../config.js';
import { InjectConfig } from '../config.module.js';
import type { DatabaseHandle } from '../db/client.js';
import { InjectDatabase } from '../db/database.module.js';
import { inTransaction } from '../db/transaction.js';
import { ChannelError, type MessageChannel } from './channels/index.js';
import { areaName, localDateTime, retryDelayMs, sendableAt } from './message-rules.js';
import { type MessageJobRow, type MessageRow, MessagesRepository } from './messages.repository.js';
import { MESSAGE_CHANNEL, MessagesService } from './messages.service.js';
import type { TemplateCode } from './templates.js';

const BATCH = 20;
const FAN_OUT_PAGE = 500;
/** New orders younger than this are left to their own listener; older ones without a message are swept. */
const SWEEP_AFTER_MS = 60_000;
const SWEEP_WINDOW_MS = 60 * 60_000;
/** How often a node sweeps (a crash between an order's commit and its listener is rare; the query is not free). */
const SWEEP_EVERY_MS = 30_000;

/**
 * Sends the outbox on every node: claims due messages (SKIP LOCKED, with a lease so that a node that dies
 * mid-send gives its messages back), applies quiet hours and the rate limit at the moment of sending, sends
 * through the channel, retries with backoff, and marks the last failure dead. Expands outage fan-out jobs page
 * by page, and sweeps new orders whose acceptance message a crash lost.
 *
 * Our own claim loop for now: pg-boss 10 (the last major allowing Node 20) was measured to work on PGlite and
 * Postgres, and the plan for moving onto it is in docs/messages.md (section pg-boss).
 */
@Injectable()
export class MessagesWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Messages');
  readonly node = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopped = false;
  private sweptAt = Number.NEGATIVE_INFINITY;

  constructor(
    @InjectConfig() private readonly config: Config,
    @InjectDatabase() private readonly database: DatabaseHandle,
    @Inject(MESSAGE_CHANNEL) readonly channel: MessageChannel,
    private readonly repo: MessagesRepository,
    private readonly messages: MessagesService,
  ) {}

  onApplicationBootstrap() {
    const every = this.config.MESSAGES_POLL_MS;
    if (every > 0) this.timer = setInterval(() => void this.tick(), every);
  }

  async onModuleDestroy() {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => {});
  }

  /** Runs soon (after a change wrote messages), unless polling is off. */
  kick() {
    if (this.timer) setImmediate(() => void this.tick());
  }

  private async tick() {
    if (this.running || this.stopped) return;
    this.running = this.runOnce().catch((err) => this.logger.error(`worker: ${(err as Error).stack ?? err}`));
    await this.running;
    this.running = null;
  }

  /** One round: sweep, expand due jobs, send due messages until none is left. */
  async runOnce(now = () => new Date()) {
    let sent = 0;
    await this.sweep(now());
    await this.expandDue(now);
    for (;;) {
      if (this.stopped) break;
      const lease = new Date(now().getTime() + this.config.MESSAGES_LEASE_SECONDS * 1000);
      const claimed = await this.repo.claimDue(this.database.db, this.node, now(), lease, BATCH);
      if (!claimed.length) break;
      const started = performance.now();
      for (const m of claimed) sent += (await this.deliver(m, now())) ? 1 : 0;
      // Paced to MESSAGES_SEND_PER_SECOND: a 5,000-customer outage must not take the CPU the call path needs.
      const due =
        (claimed.length / this.config.MESSAGES_SEND_PER_SECOND) * 1000 - (performance.now() - started);
      if (due > 0 && !this.stopped) await new Promise((r) => setTimeout(r, due));
    }
    return { sent };
  }

  private async deliver(m: MessageRow, now: Date): Promise<boolean> {
    const db = this.database.db;
    if (m.customerId && (await this.repo.customer(db, m.customerId))?.optOut) {
      // Opted out after the message was written (a 退订 reply, or staff on the customer's request).
      await this.repo.finish(db, m.id, this.node, { status: 'suppressed', error: '客户已退订 / opted out' });
      return false;
    }
    if (m.routine) {
      // Quiet hours again at sending: a message retried or delayed into the night waits for the morning.
      const at = sendableAt(now, this.config.MESSAGES_QUIET_HOURS, this.config.TZ);
      if (at > now) {
        await this.repo.finish(db, m.id, this.node, {
          status: 'queued',
          nextAttemptAt: at,
          attempts: m.attempts - 1,
        });
        return false;
      }
      const limit = this.config.MESSAGES_RATE_LIMIT_PER_HOUR;
      if (limit > 0 && (await this.repo.sentTo(db, m.to, new Date(now.getTime() - 3_600_000))) >= limit) {
        await this.repo.finish(db, m.id, this.node, {
          status: 'suppressed',
          error: `超过每小时 ${limit} 条的频率限制 / rate limited (${limit} an hour)`,
        });
        return false;
      }
    }
    try {
      // WeChat needs the follower the phone is bound to (the public page binds it): looked up at sending, so a
      // binding made after the message was written still counts.
      const openid = this.channel.kind === 'wechat' ? await this.repo.openidOf(db, m.to) : undefined;
      const r = await this.channel.send({
        id: m.id,
        to: m.to,
        template: m.template as TemplateCode,
        variables: m.variables,
        text: m.text,
        ...(openid ? { openid } : {}),
      });
      const ours = await this.repo.finish(db, m.id, this.node, {
        status: 'sent',
        sentAt: new Date(),
        provider: r.provider ?? this.channel.name,
        providerMessageId: r.providerMessageId ?? null,
        error: null,
      });
      if (!ours) this.logger.warn(`message ${m.id} sent after its lease ran out (another node holds it)`);
      return true;
    } catch (err) {
      const permanent = err instanceof ChannelError && err.permanent;
      const dead = permanent || m.attempts >= this.config.MESSAGES_MAX_ATTEMPTS;
      await this.repo.finish(db, m.id, this.node, {
        status: dead ? 'dead' : 'failed',
        provider: this.channel.name,
        error: (err as Error).message.slice(0, 500),
        nextAttemptAt: new Date(now.getTime() + retryDelayMs(m.attempts, this.config.MESSAGES_RETRY_SECONDS)),
      });
      if (dead) this.logger.warn(`message ${m.id} to ${m.to} is dead: ${(err as Error).message}`);
      return false;
    }
  }

  /** Expands every due fan-out job into its messages (written queued, not sent). */
  async expandDue(now = () => new Date()) {
    while (!this.stopped && (await this.expandOneJob(now()))) {}
  }

  /** Expands one due fan-out job completely, page by page; false when there was none. */
  private async expandOneJob(now: Date): Promise<boolean> {
    const leaseMs = this.config.MESSAGES_LEASE_SECONDS * 1000;
    const job = await this.repo.claimJob(this.database.db, this.node, now, new Date(now.getTime() + leaseMs));
    if (!job) return false;
    try {
      await this.expand(job, leaseMs);
    } catch (err) {
      // The lease runs out and the job is taken again from its cursor (by this node or another).
      this.logger.error(`fan-out ${job.kind} of outage ${job.outageId}: ${(err as Error).message}`);
    }
    return true;
  }

  private async expand(job: MessageJobRow, leaseMs: number) {
    const db = this.database.db;
    const outage = await this.repo.outage(db, job.outageId);
    const planned = job.kind === 'outage_planned_7d' || job.kind === 'outage_planned_1d';
    // A planned outage called off (restored before it began) tells nobody; nor does one already under way.
    if (!outage || (planned && (outage.status !== 'active' || outage.startsAt <= new Date()))) {
      await this.repo.updateJob(db, job.id, this.node, { status: 'skipped', doneAt: new Date() });
      return;
    }
    const tz = this.config.TZ;
    const area = areaName(outage.description);
    const variables: Record<string, string> =
      job.kind === 'outage_fault'
        ? {
            area,
            restoreAt: outage.estimatedRestoreAt ? localDateTime(outage.estimatedRestoreAt, tz) : '另行通知',
          }
        : job.kind === 'outage_restored'
          ? { area }
          : {
              area,
              startsAt: localDateTime(outage.startsAt, tz),
              endsAt: outage.endsAt ? localDateTime(outage.endsAt, tz) : '另行通知',
            };
    let cursor = job.cursor;
    let total = job.fannedOut;
    for (;;) {
      const page = await this.repo.customersInBox(db, outage, cursor, FAN_OUT_PAGE);
      if (!page.length) break;
      const rows = this.messages.outagePage(outage, job.kind as TemplateCode, variables, page, new Date());
      const last = page[page.length - 1]!.id;
      // The page's messages and the cursor move together: a node dying between pages resumes after the last one.
      const held = await inTransaction(db, async (tx) => {
        const inserted = await this.repo.insert(tx, rows);
        total += inserted.length;
        const ok = await this.repo.updateJob(tx, job.id, this.node, {
          cursor: last,
          fannedOut: total,
          claimedUntil: new Date(Date.now() + leaseMs),
        });
        if (!ok) throw new LostJob();
        return ok;
      }).catch((err) => (err instanceof LostJob ? false : Promise.reject(err)));
      if (!held) return;
      cursor = last;
      if (page.length < FAN_OUT_PAGE) break;
      await new Promise((r) => setImmediate(r)); // let requests waiting on this node's event loop in between pages
    }
    await this.repo.updateJob(db, job.id, this.node, {
      status: 'done',
      doneAt: new Date(),
      claimedUntil: null,
    });
    this.logger.log(`outage ${outage.id}: ${job.kind} to ${total} customers`);
  }

  /** Enqueues the acceptance message of recent orders that have none (their node died before its listener ran). */
  private async sweep(now: Date) {
    // `now` may be ahead of the wall clock in tests that drive the worker: sweep whenever it has moved on enough.
    if (Math.abs(now.getTime() - this.sweptAt) < SWEEP_EVERY_MS) return;
    this.sweptAt = now.getTime();
    const db = this.database.db;
    const missed = await this.repo.ordersWithoutAcceptance(
      db,
      new Date(now.getTime() - SWEEP_WINDOW_MS),
      new Date(now.getTime() - SWEEP_AFTER_MS),
      100,
    );
    for (const t of missed) await this.messages.accepted(db, t);
  }
}

class LostJob extends Error {}
