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
import { MessagesRepository, type PlaceCursor } from './messages.repository.js';
import { MESSAGE_CHANNEL, MessagesService } from './messages.service.js';
import type { TemplateCode } from './templates.js';

/** Jobs fetched at a time when driven directly (runOnce); pg-boss's polling takes a second's worth (see below). */
const BATCH = 20;
/** Messages claimed in one statement and written `sent` in one statement: a send costs its statements. */
const SEND_CHUNK = 20;
/** Customers read a page when the fan-out is not paced (driven directly); paced, a tenth of a second's worth. */
const FAN_OUT_PAGE = 500;
/** Kicks within this window wake the worker once: at 50 new orders a second, one fetch per ~10 messages. */
const KICK_COALESCE_MS = 200;
/** New orders younger than this are left to their own listener; older ones without a message are swept. */
const SWEEP_AFTER_MS = 60_000;
const SWEEP_WINDOW_MS = 60 * 60_000;
/** How often a node sweeps (a crash between an order's commit and its listener is rare; the query is not free). */
const SWEEP_EVERY_MS = 30_000;

type Outcome = 'sent' | 'done' | { retry: Error };
type ClaimedMessage = Awaited<ReturnType<MessagesRepository['claimMany']>>[number];
interface SentRow {
  id: string;
  token: string;
  to: string;
  sentAt: Date;
  provider: string;
  providerMessageId: string | null;
}

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
  private readonly workers = new Map<string, string>();
  private sweeper: NodeJS.Timeout | null = null;
  private kickTimer: NodeJS.Timeout | null = null;
  private readonly kicked = new Set<string>();
  /** When the next paced send may go (performance.now()). */
  private nextSendAt = 0;
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
    // A fetch takes a second's worth of MESSAGES_SEND_PER_SECOND, and the handler spaces the sends evenly at that
    // rate (pace()): a kick during a batch makes pg-boss fetch again at once, so the pacing cannot be pg-boss's.
    const batchSize = Math.max(1, Math.ceil(this.config.MESSAGES_SEND_PER_SECOND * pollingIntervalSeconds));
    const options = { pollingIntervalSeconds, includeMetadata: true as const };
    this.workers.set(
      SEND_QUEUE,
      await boss.work<SendJobData>(SEND_QUEUE, { ...options, batchSize }, (jobs) =>
        this.sendBatch(jobs, () => new Date(), true),
      ),
    );
    this.workers.set(
      FAN_OUT_QUEUE,
      await boss.work<FanOutJobData>(FAN_OUT_QUEUE, { ...options, batchSize: 1 }, async ([job]) => {
        if (!job) return;
        try {
          await this.expand(job, new Date(), true);
        } catch (err) {
          this.fanOutFailed(job, err);
          throw err; // pg-boss retries it
        }
      }),
    );
    this.workers.set(
      DEAD_LETTER_QUEUE,
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
    if (this.kickTimer) clearTimeout(this.kickTimer);
  }

  /**
   * Wakes this node's worker of `queue` soon (a change wrote messages, or a fan-out), instead of at its next poll.
   * Kicks are coalesced: each wakes a fetch, and a fetch per new order would cost the call path more than it saves.
   */
  kick(queue: typeof SEND_QUEUE | typeof FAN_OUT_QUEUE = SEND_QUEUE) {
    this.kicked.add(queue);
    this.kickTimer ??= setTimeout(() => {
      this.kickTimer = null;
      for (const q of this.kicked) {
        const id = this.workers.get(q);
        if (id) this.queue.boss.notifyWorker(id);
      }
      this.kicked.clear();
    }, KICK_COALESCE_MS);
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
        this.fanOutFailed(job, err);
        await this.queue.boss.fail(FAN_OUT_QUEUE, job.id, { message: (err as Error).message });
      }
    }
  }

  private fanOutFailed(job: QueueJob<FanOutJobData>, err: unknown) {
    this.logger.error(`fan-out ${job.data.kind} of outage ${job.data.outageId}: ${(err as Error).message}`);
  }

  /**
   * Handles a batch of send jobs, a chunk at a time: the chunk's messages claimed in one statement, sent one by one
   * (spaced at MESSAGES_SEND_PER_SECOND when `paced`), and those sent written `sent` in one statement. A failed send
   * fails its own job (pg-boss retries it, or moves it to the dead letters), the others are completed by the
   * caller. Returns how many were sent.
   */
  private async sendBatch(jobs: QueueJob<SendJobData>[], now = () => new Date(), paced = false) {
    let sent = 0;
    for (let i = 0; i < jobs.length; i += SEND_CHUNK)
      sent += await this.sendChunk(jobs.slice(i, i + SEND_CHUNK), now, paced);
    return sent;
  }

  private async sendChunk(jobs: QueueJob<SendJobData>[], now: () => Date, paced: boolean) {
    const db = this.database.db;
    // The token names this attempt: a node coming back after pg-boss gave its job to another cannot finish it.
    const tokenOf = (job: QueueJob<SendJobData>) => `${this.node}#${job.retryCount}`;
    const at = now();
    const lease = Math.max(...jobs.map((j) => j.expireInSeconds));
    const claimed = new Map(
      (
        await this.repo.claimMany(
          db,
          jobs.map((j) => ({ id: j.data.messageId, token: tokenOf(j) })),
          at,
          new Date(at.getTime() + lease * 1000),
        )
      ).map((m) => [m.id, m]),
    );
    const mine: [QueueJob<SendJobData>, ClaimedMessage][] = [];
    const others: QueueJob<SendJobData>[] = [];
    for (const job of jobs) {
      const m = claimed.get(job.data.messageId);
      // A message can be in two jobs of one chunk (one put back for the morning): the first that claimed it has it.
      if (m?.claimedBy === tokenOf(job)) {
        mine.push([job, m]);
        claimed.delete(job.data.messageId);
      } else others.push(job);
    }
    const statuses = await this.repo.statuses(
      db,
      others.map((j) => j.data.messageId),
    );
    // Another attempt still holds it (its lease not yet out): try again after the backoff, never drop it.
    // Otherwise it was sent, suppressed or given up already (or removed): its job is done.
    for (const job of others)
      if (statuses.get(job.data.messageId) === 'sending')
        await this.queue.boss.fail(SEND_QUEUE, job.id, { message: 'held by another attempt' });

    const sent: SentRow[] = [];
    for (const [job, m] of mine) {
      const outcome = await this.deliver(job, m, tokenOf(job), now(), sent, paced);
      if (outcome !== 'sent' && outcome !== 'done')
        await this.queue.boss.fail(SEND_QUEUE, job.id, { message: outcome.retry.message });
    }
    const ours = await this.repo.finishSent(db, sent);
    for (const r of sent)
      if (!ours.has(r.id))
        this.logger.warn(`message ${r.id} sent after its job expired (another node holds it)`);
    return sent.length;
  }

  /** Waits for this node's next sending slot: MESSAGES_SEND_PER_SECOND, evenly spaced (no burst after a pause). */
  private async pace() {
    const gap = 1000 / this.config.MESSAGES_SEND_PER_SECOND;
    const slot = Math.max(this.nextSendAt, performance.now());
    this.nextSendAt = slot + gap;
    const wait = slot - performance.now();
    if (wait >= 1) await new Promise((r) => setTimeout(r, wait));
  }

  /**
   * One claimed message: opt-out, quiet hours and the rate limit at the moment of sending, then the channel. A
   * message the provider accepted joins `sent` (written by the chunk's one statement); any other outcome is
   * written here.
   */
  private async deliver(
    job: QueueJob<SendJobData>,
    m: ClaimedMessage,
    token: string,
    now: Date,
    sent: SentRow[],
    paced: boolean,
  ): Promise<Outcome> {
    const db = this.database.db;
    if (m.optOut) {
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
      // What this chunk sent to the number counts too: it is written `sent` only at the chunk's end.
      const sentHere = sent.filter((r) => r.to === m.to).length;
      if (
        limit > 0 &&
        sentHere + (await this.repo.sentTo(db, m.to, new Date(now.getTime() - 3_600_000))) >= limit
      ) {
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
      if (paced) await this.pace();
      const r = await this.channel.send({
        id: m.id,
        to: m.to,
        template: m.template as TemplateCode,
        variables: m.variables,
        text: m.text,
        ...(openid ? { openid } : {}),
      });
      sent.push({
        id: m.id,
        token,
        to: m.to,
        sentAt: new Date(),
        provider: r.provider ?? this.channel.name,
        providerMessageId: r.providerMessageId ?? null,
      });
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
   * Writes one outage message to every customer inside it, a page of customers at a time, each page's messages and
   * their send jobs in one transaction. `paced` (pg-boss's polling), it goes through MESSAGES_FAN_OUT_PER_SECOND
   * customers a second, a tenth of a second's worth a page with a pause after each, so that the call path keeps its
   * share of the CPU; driven directly (tests), 500 a page as fast as it can. A rerun (the node died, the job was
   * retried) starts again from the first page: the dedupe keys make the pages already written write nothing.
   */
  private async expand(job: QueueJob<FanOutJobData>, now: Date, paced = false) {
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
    const rate = this.config.MESSAGES_FAN_OUT_PER_SECOND;
    const size = paced ? Math.min(FAN_OUT_PAGE, Math.max(1, Math.ceil(rate / 10))) : FAN_OUT_PAGE;
    let cursor: PlaceCursor | null = null;
    let total = 0;
    for (;;) {
      const started = performance.now();
      const page = await this.repo.customersInBox(db, outage, cursor, size);
      if (!page.length) break;
      const rows = this.messages.outagePage(outage, kind as TemplateCode, variables, page, now);
      total += (await this.messages.write(db, rows)).length;
      this.kick(); // the page's messages can go while the next is written
      const last = page[page.length - 1]!;
      cursor = { lat: last.lat, lng: last.lng, id: last.id };
      if (page.length < size) break;
      // Shutting down: fail the job rather than end it half done; its retry skips the pages written (dedupe keys).
      if (this.stopped) throw new Error(`stopped after ${total} messages; the fan-out resumes on its retry`);
      // The page's share of the second; unpaced, still let requests waiting on this node's event loop in between.
      const wait = paced ? started + (page.length * 1000) / rate - performance.now() : 0;
      await new Promise((r) => (wait >= 1 ? setTimeout(r, wait) : setImmediate(r)));
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
