import { rolesFor, rooms, type SlaEvent } from '@gd/domain';
import type { Clock } from '@gd/sla';
import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { DatabaseHandle } from '../db/client.js';
import { InjectDatabase } from '../db/database.module.js';
import { inTransaction } from '../db/transaction.js';
import { DomainEventBus } from '../events/event-bus.js';
import { RealtimeService } from '../realtime/realtime.service.js';
import { SlaClocksRepository } from './sla-clocks.repository.js';
import { escalationStep } from './sla-schedule.js';

/** Longest sleep between two looks at the database; the nearest `next_check_at` shortens it. */
export const POLL_MS = 250;
/** Clocks claimed per transaction; a full batch is followed at once by the next. */
export const BATCH = 500;

export interface Escalation {
  event: 'sla.warning' | 'sla.breached';
  payload: SlaEvent;
}

const CLOCK_NAMES: Record<string, string> = {
  arrival: '到达现场',
  restoration: '恢复供电',
  response: '响应',
  resolution: '办结',
};

/**
 * Sends SLA warnings and breaches. The database is the source of truth: every clock row carries
 * `next_check_at` (its next threshold) and `warned_at` / `breach_notified_at` (what was already sent). Each
 * node polls: in one transaction it locks the clocks whose check is due (FOR UPDATE SKIP LOCKED, so two nodes
 * never take the same clock), evaluates them with @gd/sla, marks what it sends, writes the order's timeline
 * and the first responder's notification, moves `next_check_at` on, and commits; the socket events go out
 * after the commit. A restart loses nothing (the rows still say what is due) and a clock already marked is
 * never sent twice. The in-process timer only decides when to look next.
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
    private readonly realtime: RealtimeService,
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
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.loop().finally(() => {
        this.running = null;
      });
    }, ms);
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
   * One pass: claims the due clocks, sends what they reached, reschedules them. Returns what was sent (tests
   * drive it directly to avoid waiting).
   */
  async tick(now: Date = new Date()): Promise<{ claimed: number; sent: Escalation[] }> {
    const nowMs = now.getTime();
    const { claimed, sent } = await inTransaction(this.database.db, async (tx) => {
      const due = await this.repo.claimDue(tx, now, BATCH);
      const sent: Escalation[] = [];
      const timeline: Parameters<SlaClocksRepository['addTimeline']>[1] = [];
      const notices: Parameters<SlaClocksRepository['addNotifications']>[1] = [];
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
          timeline.push({
            ticketId: row.ticketId,
            at: now,
            actorId: null,
            kind: f.event,
            data: { clock: row.kind, dueAt },
          });
          const what = f.event === 'sla.warning' ? '即将超时 (SLA warning)' : '已超时 (SLA breached)';
          notices.push({
            userId: row.firstResponderId,
            ticketId: row.ticketId,
            kind: f.event,
            message: `工单 ${row.number} ${CLOCK_NAMES[row.kind] ?? row.kind}时限${what}，应于 ${dueAt} 前完成`,
            data: { clock: row.kind, dueAt, params: { number: row.number, clock: row.kind, dueAt } },
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
      await this.repo.addTimeline(tx, timeline);
      await this.repo.addNotifications(tx, notices);
      return { claimed: due.length, sent };
    });
    if (sent.length) await this.emit(sent);
    return { claimed, sent };
  }

  /**
   * After commit: the first responder, the dispatchers of the order's district (and city-wide dispatchers,
   * who have no district; every dispatcher when the order has none) and, on a breach, every supervisor.
   */
  private async emit(sent: Escalation[]) {
    const dispatchers = await this.repo.dispatchers(this.database.db);
    for (const { event, payload } of sent) {
      const targets = [rooms.user(payload.firstResponderId)];
      for (const d of dispatchers)
        if (!d.district || !payload.district || d.district === payload.district)
          targets.push(rooms.user(d.id));
      if (event === 'sla.breached') targets.push(...rolesFor('sla.breach-watch').map(rooms.role));
      this.realtime.emit(event, payload, targets);
    }
  }
}
