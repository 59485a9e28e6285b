import type { Clock } from '@gd/sla';
import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { DatabaseHandle } from '../db/client.js';
import { InjectDatabase } from '../db/database.module.js';
import { detachedFromRequest } from '../db/sql-capture.js';
import { inTransaction } from '../db/transaction.js';
import type { SlaEscalation } from '../events/domain-events.js';
import { DomainEventBus } from '../events/event-bus.js';
import { SlaClocksRepository } from './sla-clocks.repository.js';
import { escalationStep } from './sla-schedule.js';

/** Longest sleep between two looks at the database; the nearest `next_check_at` shortens it. */
export const POLL_MS = 250;
/** Clocks claimed per transaction; a full batch is followed at once by the next. */
export const BATCH = 500;

export type Escalation = SlaEscalation;

/**
 * Sends SLA warnings and breaches. The database is the source of truth: every clock row carries
 * `next_check_at` (its next threshold) and `warned_at` / `breach_notified_at` (what was already sent). Each
 * node polls: in one transaction it locks the clocks whose check is due (FOR UPDATE SKIP LOCKED, so two nodes
 * never take the same clock), evaluates them with @gd/sla, marks what it sends, moves `next_check_at` on, raises
 * what it marked, and commits. A restart loses nothing (the rows still say what is due) and a clock already marked is
 * never sent twice. The in-process timer only decides when to look next. The order's timeline (tickets), the
 * notices (notifications) and the socket events (SlaSockets, after commit) listen to `sla.escalated`.
 */
@Injectable()
export class SlaEscalationService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('SlaEscalation');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;

  constructor(
    @InjectDatabase() private readonly database: DatabaseHandle,
    private readonly repo: SlaClocksRepository,
    private readonly events: DomainEventBus,
  ) {}

  onApplicationBootstrap() {
    this.stopped = false;
    this.schedule(0);
  }

  async onModuleDestroy() {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Looks sooner than planned (e.g. after a clock was written with an earlier threshold). */
  poke() {
    if (!this.stopped && !this.running) this.schedule(0);
  }

  private schedule(ms: number) {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    // A poke from a request starts the scheduler's next pass, not the request's work (db/sql-capture.ts).
    this.timer = detachedFromRequest(() =>
      setTimeout(() => {
        this.timer = null;
        this.running = this.loop().finally(() => {
          this.running = null;
        });
      }, ms),
    );
    this.timer.unref?.();
  }

  private async loop() {
    let delay = POLL_MS;
    try {
      const sent = await this.tick();
      if (sent.claimed >= BATCH) delay = 0;
      else {
        const next = await this.repo.nextCheckAt(this.database.db);
        if (next) delay = Math.min(POLL_MS, Math.max(0, next.getTime() - Date.now()));
      }
    } catch (err) {
      if (!this.stopped) this.logger.error(`escalation tick failed: ${(err as Error).message}`);
      delay = 1000;
    }
    this.schedule(delay);
  }

  /**
   * One pass: claims the due clocks, marks what they reached, reschedules them, and raises it all as one
   * `sla.escalated` (the timeline, the notices and the sockets follow as listeners). Returns what was sent (tests
   * drive it directly to avoid waiting).
   */
  async tick(now: Date = new Date()): Promise<{ claimed: number; sent: Escalation[] }> {
    const nowMs = now.getTime();
    return inTransaction(this.database.db, async (tx) => {
      const due = await this.repo.claimDue(tx, now, BATCH);
      const sent: Escalation[] = [];
      for (const row of due) {
        const clock = row.clock as unknown as Clock;
        const step = escalationStep(clock, row, nowMs);
        const dueAt = clock.dueAt ?? clock.rawDueAt;
        const base = {
          ticketId: row.ticketId,
          number: row.number,
          clock: row.kind,
          dueAt,
          at: now.toISOString(),
          district: row.district,
          firstResponderId: row.firstResponderId,
        };
        const fired: Escalation[] = [];
        if (step.fireWarning)
          fired.push({
            event: 'sla.warning',
            payload: { id: `${row.ticketId}:${row.kind}:warning`, ...base },
          });
        if (step.fireBreach)
          fired.push({
            event: 'sla.breached',
            payload: { id: `${row.ticketId}:${row.kind}:breached`, ...base },
          });
        for (const f of fired) {
          // For the modules above (messages to staff-chosen recipients on a breach), in this transaction.
          await this.events.raise(tx, f.event, {
            ticketId: row.ticketId,
            clock: row.kind,
            dueAt: new Date(dueAt),
          });
        }
        await this.repo.markChecked(tx, row, {
          state: step.state,
          nextCheckAt: step.nextCheckAt,
          ...(step.fireWarning ? { warnedAt: now } : {}),
          ...(step.fireBreach ? { breachNotifiedAt: now, breachedAt: new Date(dueAt) } : {}),
        });
        sent.push(...fired);
      }
      if (sent.length) await this.events.raise(tx, 'sla.escalated', { at: now, escalations: sent });
      return { claimed: due.length, sent };
    });
  }
}
