import { createHash } from 'node:crypto';
import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { type SQL, sql } from 'drizzle-orm';
import PgBoss from 'pg-boss';
import type { Config } from '../config.js';
import { InjectConfig } from '../config.module.js';
import type { DatabaseHandle, DatabaseOrTransaction } from '../db/client.js';
import { InjectDatabase } from '../db/database.module.js';
import { outageReminders } from './message-rules.js';
import { MessagesRepository } from './messages.repository.js';

/** One job per message: its id is the message's id, so a message is enqueued once whoever writes it. */
export const SEND_QUEUE = 'send-message';
/** Where pg-boss moves a send whose retries are spent (and the worker marks its message dead). */
export const DEAD_LETTER_QUEUE = 'send-message-dead';
/** One job per outage and message kind: its handler writes the customers' messages page by page. */
export const FAN_OUT_QUEUE = 'fan-out';

export type FanOutKind = 'outage_fault' | 'outage_planned_7d' | 'outage_planned_1d' | 'outage_restored';
export interface SendJobData {
  messageId: string;
}
export interface FanOutJobData {
  outageId: string;
  kind: FanOutKind;
}
export type QueueJob<T> = PgBoss.JobWithMetadata<T>;

/** A fan-out's expansion is idempotent (dedupe keys), so a long lease costs nothing but a late takeover. */
const FAN_OUT_EXPIRE_SECONDS = 15 * 60;

/**
 * pg-boss 10.4.2 on the application's own database (PGlite or Postgres, through its `db` option), so a job is
 * written in the same transaction as the change it comes from. 10.x is the last major that runs on Node 20.
 */
export function createBoss(database: DatabaseHandle, opts: { supervise: boolean }): PgBoss {
  return new PgBoss({
    db: { executeSql: (text, values) => database.executeSql(text, values) },
    supervise: opts.supervise,
    schedule: false,
    migrate: true,
  });
}

/** Creates pg-boss's schema (once) and our queues; the dead-letter queue first, as `send-message` names it. */
export async function installQueues(boss: PgBoss): Promise<void> {
  await boss.createQueue(DEAD_LETTER_QUEUE, { name: DEAD_LETTER_QUEUE });
  await boss.createQueue(SEND_QUEUE, { name: SEND_QUEUE, deadLetter: DEAD_LETTER_QUEUE });
  await boss.createQueue(FAN_OUT_QUEUE, { name: FAN_OUT_QUEUE });
}

/**
 * pg-boss speaking through a drizzle database or transaction: `$n` parameters become drizzle parameters, so a
 * job inserted this way commits or rolls back with the transaction's other writes.
 */
function within(db: DatabaseOrTransaction) {
  return {
    async executeSql(text: string, values: unknown[] = []) {
      const chunks: SQL[] = text
        .split(/\$(\d+)/)
        .map((part, i) => (i % 2 ? sql`${sql.param(values[Number(part) - 1] ?? null)}` : sql.raw(part)));
      return (await db.execute(sql.join(chunks))) as unknown as { rows: Record<string, unknown>[] };
    },
  };
}

/** A stable uuid for a key (sha-1 based), so a job named by a dedupe key has one id on every node. */
export function jobIdFor(key: string): string {
  const h = createHash('sha1').update(key).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((Number.parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The outbox's queues: enqueueing (inside the caller's transaction), and pg-boss itself for the worker. */
@Injectable()
export class MessageQueue implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Messages');
  readonly boss: PgBoss;

  constructor(
    @InjectConfig() private readonly config: Config,
    @InjectDatabase() private readonly database: DatabaseHandle,
    private readonly repo: MessagesRepository,
  ) {
    // Maintenance (expiring the jobs of a node that died mid-send, archiving) runs where the worker polls.
    this.boss = createBoss(database, { supervise: config.MESSAGES_POLL_MS > 0 });
    this.boss.on('error', (err) => this.logger.error(`pg-boss: ${err.message}`));
  }

  async onModuleInit() {
    const upgrading = !(await this.boss.isInstalled());
    await this.boss.start();
    await installQueues(this.boss);
    if (upgrading) await this.adoptOutbox();
  }

  /**
   * The first start on a database whose outbox predates pg-boss: every message still to send gets its job, and
   * every outage in force its fan-outs (the dedupe keys make a fan-out already done write nothing). Idempotent,
   * so several nodes starting at once do no harm.
   */
  private async adoptOutbox() {
    const db = this.database.db;
    const now = new Date();
    const pending = await this.repo.pending(db);
    for (let i = 0; i < pending.length; i += 1000) await this.enqueueSends(db, pending.slice(i, i + 1000));
    const outages = await this.repo.activeOutages(db);
    await this.enqueueFanOuts(
      db,
      outages.flatMap((o) => outageReminders(o, now)),
    );
    if (pending.length || outages.length)
      this.logger.log(`outbox moved onto pg-boss: ${pending.length} messages, ${outages.length} outages`);
  }

  /** Stops fetching and waits for the handlers in progress (their sends acknowledged and written) to finish. */
  async onModuleDestroy() {
    await this.boss.stop({ graceful: true, wait: true, timeout: 10_000 });
  }

  /**
   * One send job per message, in `db`'s transaction. `startAfter` is the message's `nextAttemptAt` (quiet
   * hours); `fresh` gives a new job id (a message put back for later while its first job is still active).
   */
  async enqueueSends(
    db: DatabaseOrTransaction,
    rows: { id: string; nextAttemptAt?: Date | null }[],
    opts: { fresh?: boolean } = {},
  ) {
    if (!rows.length) return;
    const now = Date.now();
    await this.boss.insert(
      rows.map((m) => ({
        ...(opts.fresh ? {} : { id: m.id }),
        name: SEND_QUEUE,
        data: { messageId: m.id } satisfies SendJobData,
        ...(m.nextAttemptAt && m.nextAttemptAt.getTime() > now ? { startAfter: m.nextAttemptAt } : {}),
        retryLimit: this.config.MESSAGES_MAX_ATTEMPTS - 1,
        retryDelay: Math.max(1, Math.round(this.config.MESSAGES_RETRY_SECONDS)),
        retryBackoff: true,
        expireInSeconds: Math.max(1, Math.round(this.config.MESSAGES_LEASE_SECONDS)),
        deadLetter: DEAD_LETTER_QUEUE,
      })),
      { db: within(db) },
    );
  }

  /** One fan-out job per outage and kind (keyed, so the same event seen twice enqueues one), in `db`'s transaction. */
  async enqueueFanOuts(db: DatabaseOrTransaction, jobs: (FanOutJobData & { runAt?: Date })[]) {
    if (!jobs.length) return;
    const now = Date.now();
    await this.boss.insert(
      jobs.map((j) => {
        const key = fanOutKey(j);
        return {
          id: jobIdFor(key),
          name: FAN_OUT_QUEUE,
          data: { outageId: j.outageId, kind: j.kind } satisfies FanOutJobData,
          singletonKey: key,
          ...(j.runAt && j.runAt.getTime() > now ? { startAfter: j.runAt } : {}),
          retryLimit: this.config.MESSAGES_MAX_ATTEMPTS - 1,
          retryDelay: Math.max(1, Math.round(this.config.MESSAGES_RETRY_SECONDS)),
          retryBackoff: true,
          expireInSeconds: FAN_OUT_EXPIRE_SECONDS,
        };
      }),
      { db: within(db) },
    );
  }

  fetch<T>(queue: string, batchSize: number): Promise<QueueJob<T>[]> {
    return this.boss.fetch<T>(queue, { batchSize, includeMetadata: true });
  }
}

export function fanOutKey(j: FanOutJobData): string {
  return `outage:${j.outageId}:${j.kind}`;
}
