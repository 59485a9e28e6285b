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
import {
  DEAD_LETTER_QUEUE,
  FAN_OUT_QUEUE,
  type FanOutJobData,
  MessageQueue,
  type QueueJob,
  SEND_QUEUE,
  type SendJobData,
} from './message-queue.js';
import { areaName, localDateTime, retryDelayMs, sendableAt } from './message-rules.js';
import { MessagesRepository } from './messages.repository.js';
import { MESSAGE_CHANNEL, MessagesService } from './messages.service.js';
import type { TemplateCode } from './templates.js';

/** Jobs fetched at a time when driven directly (runOnce); pg-boss's polling takes a second's worth (see below). */
const BATCH = 20;
const FAN_OUT_PAGE = 500;
/** New orders younger than this are left to their own listener; older ones without a message are swept. */
const SWEEP_AFTER_MS = 60_000;
const SWEEP_WINDOW_MS = 60 * 60_000;
/** How often a node sweeps (a crash between an order's commit and its listener is rare; the query is not free). */
const SWEEP_EVERY_MS = 30_000;

type Outcome = 'sent' | 'done' | { retry: Error };

/**
 * Sends the outbox on every node, as pg-boss workers (message-queue.ts): `send-message` jobs (one per message)
 * apply opt-out, quiet hours and the rate limit at the moment of sending, send through the channel and write the
 * message's status; pg-boss retries a failure with backoff and moves the last one to `send-message-dead`.
 * `fan-out` jobs write an outage's messages page by page. A sweep writes the acceptance a crash lost.
 *
 * Every rule decides on the clock it is given (`now`): pg-boss only wakes a job up (its `startAfter`), so tests
 * can drive the handlers directly on a virtual clock (runOnce).
 */
@Injectable()
export class MessagesWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Messages');
  readonly node = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly workers: string[] = [];
  private sweeper: NodeJS.Timeout | null = null;
  private stopped = false;
  private sweptAt = Number.NEGATIVE_INFINITY;

  constructor(
    @InjectConfig() private readonly config: Config,
    @InjectDatabase() private readonly database: DatabaseHandle,
    @Inject(MESSAGE_CHANNEL) readonly channel: MessageChannel,
    private readonly repo: MessagesRepository,
    private readonly messages: MessagesService,
    readonly queue: MessageQueue,
  ) {}

  async onApplicationBootstrap() {
    if (this.config.MESSAGES_POLL_MS > 0) await this.startPolling(this.config.MESSAGES_POLL_MS);
  }

  /** Starts this node's pg-boss workers (polling every `every` ms, at least 500) and the sweep. */
  async startPolling(every: number) {
    const boss = this.queue.boss;
    const pollingIntervalSeconds = Math.max(0.5, every / 1000);
    // pg-boss fetches a batch, waits out the rest of the interval, fetches again: a batch of a second's worth of
    // MESSAGES_SEND_PER_SECOND paces sending (a 5,000-customer outage must not take the CPU the call path needs).
    const batchSize = Math.max(1, Math.ceil(this.config.MESSAGES_SEND_PER_SECOND * pollingIntervalSeconds));
    const options = { pollingIntervalSeconds, includeMetadata: true as const };
    this.workers.push(
      await boss.work<SendJobData>(SEND_QUEUE, { ...options, batchSize }, (jobs) => this.sendBatch(jobs)),
      await boss.work<FanOutJobData>(FAN_OUT_QUEUE, { ...options, batchSize: 1 }, async ([job]) => {
        if (!job) return;
        try {
          await this.expand(job, new Date());
        } catch (err) {
          this.logger.error(
            `fan-out ${job.data.kind} of outage ${job.data.outageId}: ${(err as Error).message}`,
          );
          throw err; // pg-boss retries it
        }
      }),
      await boss.work<SendJobData>(DEAD_LETTER_QUEUE, { ...options, batchSize: 50 }, (jobs) =>
        this.buryAll(jobs),
      ),
    );
    this.sweeper = setInterval(
      () => void this.sweep(new Date()).catch((err) => this.logger.error(`sweep: ${err}`)),
      SWEEP_EVERY_MS,
    );
  }

  onModuleDestroy() {
    // pg-boss itself is stopped by MessageQueue (after its handlers in progress finish).
    this.stopped = true;
    if (this.sweeper) clearInterval(this.sweeper);
  }

  /** Wakes this node's workers now (a change wrote messages), instead of at their next poll. */
  kick() {
    for (const id of this.workers) this.queue.boss.notifyWorker(id);
  }

  /**
   * One round driven directly rather than by pg-boss's polling: sweep, expand the due fan-outs, send the due
   * messages until none is left, bury the dead letters. `now` is the clock the rules decide on.
   */
  async runOnce(now = () => new Date()) {
    let sent = 0;
    await this.sweep(now());
    await this.expandDue(now);
    for (;;) {
      if (this.stopped) break;
      const jobs = await this.queue.fetch<SendJobData>(SEND_QUEUE, BATCH);
      if (!jobs.length) break;
      sent += await this.sendBatch(jobs, now);
      await this.queue.boss.complete(
        SEND_QUEUE,
        jobs.map((j) => j.id),
      );
    }
    for (;;) {
      const dead = await this.queue.fetch<SendJobData>(DEAD_LETTER_QUEUE, BATCH);
      if (!dead.length) break;
      await this.buryAll(dead);
      await this.queue.boss.complete(
        DEAD_LETTER_QUEUE,
        dead.map((j) => j.id),
      );
    }
    return { sent };
  }

  /** Expands every due fan-out job into its messages (written with their send jobs, not sent). */
  async expandDue(now = () => new Date()) {
    for (;;) {
      if (this.stopped) return;
      const [job] = await this.queue.fetch<FanOutJobData>(FAN_OUT_QUEUE, 1);
      if (!job) return;
      try {
        await this.expand(job, now());
        await this.queue.boss.complete(FAN_OUT_QUEUE, job.id);
      } catch (err) {
        this.logger.error(
          `fan-out ${job.data.kind} of outage ${job.data.outageId}: ${(err as Error).message}`,
        );
        await this.queue.boss.fail(FAN_OUT_QUEUE, job.id, { message: (err as Error).message });
      }
    }
  }

  /**
   * Handles a batch of send jobs one by one; a failed send fails its own job (pg-boss retries it, or moves it to
   * the dead letters), the others are completed by the caller. Returns how many were sent.
   */
  private async sendBatch(jobs: QueueJob<SendJobData>[], now = () => new Date()) {
    let sent = 0;
    for (const job of jobs) {
      const outcome = await this.deliver(job, now());
      if (outcome === 'sent') sent++;
      else if (outcome !== 'done')
        await this.queue.boss.fail(SEND_QUEUE, job.id, { message: outcome.retry.message });
    }
    return sent;
  }

  private async deliver(job: QueueJob<SendJobData>, now: Date): Promise<Outcome> {
    const db = this.database.db;
    // The token names this attempt: a node coming back after pg-boss gave its job to another cannot finish it.
    const token = `${this.node}#${job.retryCount}`;
    const m = await this.repo.claim(
      db,
      job.data.messageId,
      token,
      now,
      new Date(now.getTime() + job.expireInSeconds * 1000),
    );
    if (!m) {
      // Another attempt still holds it (its lease not yet out): try again after the backoff, never drop it.
      if ((await this.repo.status(db, job.data.messageId)) === 'sending')
        return { retry: new Error('held by another attempt') };
      return 'done'; // sent, suppressed or given up already (or removed)
    }
    if (m.customerId && (await this.repo.customer(db, m.customerId))?.optOut) {
      // Opted out after the message was written (a 退订 reply, or staff on the customer's request).
      await this.repo.finish(db, m.id, token, { status: 'suppressed', error: '客户已退订 / opted out' });
      return 'done';
    }
    if (m.routine) {
      // Quiet hours again at sending: a message retried into the night waits for the morning, in a new job.
      const at = sendableAt(now, this.config.MESSAGES_QUIET_HOURS, this.config.TZ);
      if (at > now) {
        await inTransaction(db, async (tx) => {
          await this.repo.finish(tx, m.id, token, {
            status: 'queued',
            nextAttemptAt: at,
            attempts: m.attempts - 1,
          });
          await this.queue.enqueueSends(tx, [{ id: m.id, nextAttemptAt: at }], { fresh: true });
        });
        return 'done';
      }
      const limit = this.config.MESSAGES_RATE_LIMIT_PER_HOUR;
      if (limit > 0 && (await this.repo.sentTo(db, m.to, new Date(now.getTime() - 3_600_000))) >= limit) {
        await this.repo.finish(db, m.id, token, {
          status: 'suppressed',
          error: `超过每小时 ${limit} 条的频率限制 / rate limited (${limit} an hour)`,
        });
        return 'done';
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
      const ours = await this.repo.finish(db, m.id, token, {
        status: 'sent',
        sentAt: new Date(),
        provider: r.provider ?? this.channel.name,
        providerMessageId: r.providerMessageId ?? null,
        error: null,
      });
      if (!ours) this.logger.warn(`message ${m.id} sent after its job expired (another node holds it)`);
      return 'sent';
    } catch (err) {
      const permanent = err instanceof ChannelError && err.permanent;
      const last = job.retryCount >= job.retryLimit;
      const message = (err as Error).message;
      await this.repo.finish(db, m.id, token, {
        status: permanent || last ? 'dead' : 'failed',
        provider: this.channel.name,
        error: message.slice(0, 500),
        // pg-boss waits at least this long (retryDelay doubled per attempt, plus jitter).
        nextAttemptAt: new Date(now.getTime() + retryDelayMs(m.attempts, this.config.MESSAGES_RETRY_SECONDS)),
      });
      if (permanent || last) this.logger.warn(`message ${m.id} to ${m.to} is dead: ${message}`);
      // A permanent error is not retried: the job ends here and the message is the dead letter staff see.
      return permanent ? 'done' : { retry: err as Error };
    }
  }

  /** Dead letters: a send whose retries pg-boss spent without a handler finishing it (e.g. nodes died mid-send). */
  private async buryAll(jobs: QueueJob<SendJobData>[]) {
    for (const job of jobs)
      await this.repo.markDead(this.database.db, job.data.messageId, '重试次数已用尽 / retries exhausted');
  }

  /**
   * Writes one outage message to every customer inside it, 500 customers a page, each page's messages and their
   * send jobs in one transaction. A rerun (the node died, the job was retried) starts again from the first page:
   * the dedupe keys make the pages already written write nothing.
   */
  private async expand(job: QueueJob<FanOutJobData>, now: Date) {
    const db = this.database.db;
    const { kind } = job.data;
    const outage = await this.repo.outage(db, job.data.outageId);
    const planned = kind === 'outage_planned_7d' || kind === 'outage_planned_1d';
    // A planned outage called off (restored before it began) tells nobody; nor does one already under way.
    if (!outage || (planned && (outage.status !== 'active' || outage.startsAt <= now))) return;
    const tz = this.config.TZ;
    const area = areaName(outage.description);
    const variables: Record<string, string> =
      kind === 'outage_fault'
        ? {
            area,
            restoreAt: outage.estimatedRestoreAt ? localDateTime(outage.estimatedRestoreAt, tz) : '另行通知',
          }
        : kind === 'outage_restored'
          ? { area }
          : {
              area,
              startsAt: localDateTime(outage.startsAt, tz),
              endsAt: outage.endsAt ? localDateTime(outage.endsAt, tz) : '另行通知',
            };
    let cursor: string | null = null;
    let total = 0;
    for (;;) {
      const page = await this.repo.customersInBox(db, outage, cursor, FAN_OUT_PAGE);
      if (!page.length) break;
      const rows = this.messages.outagePage(outage, kind as TemplateCode, variables, page, now);
      total += (await this.messages.write(db, rows)).length;
      cursor = page[page.length - 1]!.id;
      if (page.length < FAN_OUT_PAGE) break;
      await new Promise((r) => setImmediate(r)); // let requests waiting on this node's event loop in between pages
    }
    this.logger.log(`outage ${outage.id}: ${kind} to ${total} customers`);
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
