import {
  type BacklogEntry,
  type CrewSkill,
  type Priority,
  repairMinutesFromHistory,
  type ZoneClass,
} from '@gd/domain';
import {
  ConflictException,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
  type OnModuleInit,
  UnprocessableEntityException,
} from '@nestjs/common';
import { isSystem } from '../common/actor.js';
import type { Config } from '../config.js';
import { CONFIG } from '../config.module.js';
import { CrewsRepository } from '../crews/crews.repository.js';
import type { DatabaseHandle, DatabaseOrTransaction } from '../db/client.js';
import { InjectDatabase } from '../db/database.module.js';
import { detachedFromRequest } from '../db/sql-capture.js';
import { inTransaction } from '../db/transaction.js';
import { DomainEventBus } from '../events/event-bus.js';
import { AssignmentService } from './assignment.service.js';
import { type CrewJobRow, DispatchRepository, type WaitingOrderRow } from './dispatch.repository.js';
import { DispatchAlerts } from './dispatch-alerts.service.js';
import { DispatchSettingsService } from './dispatch-settings.service.js';
import {
  busyOf,
  byUrgency,
  type CrewJob,
  type Plan,
  type PlanOrder,
  planBatch,
  type WaitingReason,
} from './planner.js';
import { toRankCrew } from './rank-inputs.js';

/** Advisory-lock key of the planner (any constant no other job uses). */
export const PLANNER_LOCK = 955_980_018;
/** A node that finds another planning tries again this often, this many times, before leaving it to the period. */
const LOCK_RETRY_MS = 250;
const LOCK_ATTEMPTS = 8;
const LOCKED_ELSEWHERE = Symbol('locked elsewhere');

/** The expected repair times are read from the last REPAIR_HISTORY_DAYS of completed repairs, at most hourly. */
const REPAIR_HISTORY_DAYS = 30;
const REPAIR_HISTORY_TTL_MS = 60 * 60_000;

/** An order the planner sent a crew to that will arrive after its clock: alerted after the run commits. */
type LateDispatch = { ticket: Parameters<DispatchAlerts['alert']>[0]; crewName: string; eta: number };

/** What one planning run did: null when it did not run (auto-dispatch off, or another node holds the lock). */
export type PlanRun = {
  assigned: Map<string, { crewId: string; crewName: string; etaMinutes: number; meetsArrivalSla: boolean }>;
  waiting: Map<string, WaitingReason>;
} | null;

const REASON_TEXT: Record<WaitingReason, string> = {
  no_location: '工单没有位置',
  no_skilled_crew: '没有具备所需技能的队伍',
  no_crew_on_duty: '具备技能的队伍都已下班',
  off_shift: '具备技能的空闲队伍不在班',
  crews_busy: '具备技能的队伍都在忙',
  crews_taken: '空闲队伍已派给更紧急的工单',
  held_back: '到达已超时、恢复时限尚有余量，空闲队伍留给仍能按时到达的工单',
  held_for_busy_crew: '等待即将完工的附近队伍',
};

/**
 * The dispatch planner's driver. With auto-dispatch on it re-plans every waiting fault order as one batch
 * (`planBatch`) whenever something may let an order move: a crew freed (its order completed, released or given to
 * another crew) or coming on duty, an order created, urged, reopened or sent back to dispatch, and every
 * PLANNER_PERIOD_SECONDS as a safety net. It only loads, locks, assigns (through AssignmentService, hence the ticket
 * workflow) and alerts; the choice is planBatch's.
 *
 * Every trigger plans after its change committed and without holding up whoever made it: POST /api/tickets
 * answers at once and the dispatch reaches the screens by socket. Requests for a plan while one runs on this node
 * are folded into one more run after it, so a burst of events costs two runs, not one per event, and whoever asked
 * sees a run that started after they asked.
 */
@Injectable()
export class PlannerService implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Planner');
  private current: Promise<PlanRun> | null = null;
  private next: Promise<PlanRun> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private readonly pending = new Set<Promise<unknown>>();
  private repairTimes: { at: number; table: Promise<Readonly<Record<string, number>>> } | null = null;

  constructor(
    @InjectDatabase() private readonly database: DatabaseHandle,
    @Inject(CONFIG) private readonly config: Config,
    private readonly crews: CrewsRepository,
    private readonly repo: DispatchRepository,
    private readonly assignments: AssignmentService,
    private readonly settings: DispatchSettingsService,
    private readonly alerts: DispatchAlerts,
    private readonly events: DomainEventBus,
  ) {}

  onModuleInit() {
    const replan = () => this.background(() => this.plan());
    this.events.afterCommit('crew.freed', 'dispatch: planner', replan);
    this.events.afterCommit('crew.on-duty', 'dispatch: planner', replan);
    this.events.afterCommit('ticket.urged', 'dispatch: planner', replan);
    this.events.afterCommit('ticket.status-changed', 'dispatch: planner', (e) => {
      // Back to waiting: reopened after a callback, or a dispatch undone. The planner's own moves are not triggers.
      if (e.to === 'accepted' && !(isSystem(e.actor) && e.actor.system === 'auto-dispatch')) replan();
    });
    // A new order: planned after the creator has its answer (never on the call path); the dispatch reaches the
    // screens by socket, and an order no crew can take now raises an alert once the run has said why.
    this.events.afterCommit('ticket.created', 'dispatch: planner', (e) => {
      if (e.ticket.type !== 'fault_repair' || e.ticket.parentId) return;
      this.background(() => this.plan().then((run) => this.alertIfWaiting(e.ticket, run)));
    });
  }

  private async alertIfWaiting(ticket: Parameters<DispatchAlerts['alert']>[0], run: PlanRun) {
    const reason = run?.waiting.get(ticket.id);
    // Held for a busy crew expected there first: planned, not stuck (a lapsed hold is re-planned every run).
    if (!reason || reason === 'held_for_busy_crew') return;
    await this.alerts.alert(
      ticket,
      `工单 ${ticket.number} 无法自动派单：${REASON_TEXT[reason]}`,
      { reason: 'no_candidate', detail: reason },
      { number: ticket.number, reason: 'no_candidate', detail: REASON_TEXT[reason] },
    );
  }

  /**
   * Work left running after an event's delivery: logged when it fails, awaited on shutdown. Not the request's
   * own work (it answers without waiting, and one run serves many requests): started outside its context.
   */
  private background(start: () => Promise<unknown>) {
    const p = detachedFromRequest(start)
      .catch((err: Error) => this.logger.error(`after planning: ${err.stack ?? err.message}`))
      .finally(() => this.pending.delete(p));
    this.pending.add(p);
  }

  onApplicationBootstrap() {
    const seconds = this.config.PLANNER_PERIOD_SECONDS;
    if (seconds <= 0) return;
    const tick = () => {
      if (this.stopped) return;
      void this.plan().finally(() => {
        if (!this.stopped) this.timer = setTimeout(tick, seconds * 1000).unref();
      });
    };
    this.timer = setTimeout(tick, seconds * 1000).unref();
  }

  async onModuleDestroy() {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    // A run started by an event may still be writing: let it finish before the database closes.
    while (this.pending.size > 0 || this.current) await Promise.all([...this.pending, this.current]);
  }

  /** Plans now, or right after the run under way; never throws (a failed run is logged, the next one retries). */
  plan(): Promise<PlanRun> {
    if (this.next) return this.next;
    if (!this.current) {
      this.current = this.runOnce()
        .catch((err: Error) => {
          this.logger.error(`planning failed: ${err.stack ?? err.message}`);
          return null;
        })
        .finally(() => {
          this.current = null;
        });
      return this.current;
    }
    this.next = this.current.then(() => {
      this.next = null;
      return this.plan();
    });
    return this.next;
  }

  private async runOnce(): Promise<PlanRun> {
    if (this.stopped || !(await this.settings.get()).autoDispatch) return null;
    const late: LateDispatch[] = [];
    // One node plans at a time: pg_try_advisory_xact_lock is held by the planning transaction and released by its
    // COMMIT or ROLLBACK (safe on a pooled connection). A node that misses it tries again shortly: the holder's run
    // read the waiting orders before it was asked, so it may not cover an order committed since. After
    // LOCK_ATTEMPTS misses the next period covers it. Nothing is lost if a node dies between an order's commit and
    // its plan: every run re-reads all waiting orders from the database, so the next period (on any node) plans it.
    let run = await this.planLocked(late);
    for (let attempt = 1; run === LOCKED_ELSEWHERE; attempt++) {
      if (attempt >= LOCK_ATTEMPTS || this.stopped) return null;
      await new Promise((r) => setTimeout(r, LOCK_RETRY_MS));
      run = await this.planLocked(late);
    }
    for (const l of late) {
      await this.alerts.alert(
        l.ticket,
        `工单 ${l.ticket.number} 已自动派给 ${l.crewName}，但预计 ${l.eta} 分钟到达，超出到达时限`,
        { reason: 'late', crewName: l.crewName, etaMinutes: l.eta },
        { number: l.ticket.number, reason: 'late', crew: l.crewName, etaMinutes: l.eta },
      );
    }
    if (run?.assigned.size) this.logger.log(`dispatched ${run.assigned.size} waiting order(s)`);
    return run;
  }

  /** One planning transaction under the planner's lock; LOCKED_ELSEWHERE when another node holds it. */
  private planLocked(late: LateDispatch[]): Promise<PlanRun | typeof LOCKED_ELSEWHERE> {
    return inTransaction(this.database.db, async (tx) => {
      if (!(await this.repo.tryXactLock(tx, PLANNER_LOCK))) return LOCKED_ELSEWHERE;
      // Settings read again under the lock: auto-dispatch may have been switched off on another node.
      if (!(await this.settings.get(tx)).autoDispatch) return null;
      const rows = await this.repo.waitingOrders(tx);
      const out: NonNullable<PlanRun> = { assigned: new Map(), waiting: new Map() };
      if (rows.length === 0) return out;
      const plan = await this.planFor(tx, rows);
      for (const a of plan.plan.assignments) {
        try {
          const done = await this.assignments.assignPlanned(
            tx,
            a,
            'planner: most urgent waiting order, soonest free crew',
          );
          if (!done) continue;
          out.assigned.set(a.ticketId, {
            crewId: done.crew.id,
            crewName: done.crew.name,
            etaMinutes: done.candidate.etaMinutes,
            meetsArrivalSla: done.candidate.meetsArrivalSla,
          });
          if (!done.candidate.meetsArrivalSla)
            late.push({ ticket: done.ticket, crewName: done.crew.name, eta: done.candidate.etaMinutes });
        } catch (err) {
          // A crew or order that changed under the plan (checked before any write): leave it to the next run.
          if (!(err instanceof ConflictException || err instanceof UnprocessableEntityException)) throw err;
          this.logger.warn(`planned ${a.ticketId} → ${a.crewId} skipped: ${err.message}`);
        }
      }
      for (const w of plan.plan.waiting) out.waiting.set(w.ticketId, w.reason);
      return out;
    });
  }

  /**
   * Expected repair minutes by fault type from this system's own completed repairs (`repairMinutesFromHistory`:
   * the table in @gd/domain for a kind with too few), read again at most hourly: it moves slowly, and the planner
   * runs every few seconds.
   */
  private repairMinutes(db: DatabaseOrTransaction): Promise<Readonly<Record<string, number>>> {
    const now = Date.now();
    if (!this.repairTimes || now - this.repairTimes.at > REPAIR_HISTORY_TTL_MS) {
      const since = new Date(now - REPAIR_HISTORY_DAYS * 86_400_000);
      const table = this.repo.repairHistory(db, since).then((h) => repairMinutesFromHistory(h));
      this.repairTimes = { at: now, table };
      // A failed read is retried by the next run.
      table.catch(() => {
        if (this.repairTimes?.table === table) this.repairTimes = null;
      });
    }
    return this.repairTimes.table;
  }

  private async planFor(db: DatabaseOrTransaction, rows: WaitingOrderRow[]) {
    const crews = await this.crews.list(db);
    const jobs = new Map((await this.repo.crewJobs(db)).map((j) => [j.crewId, j]));
    const repairMinutesByType = await this.repairMinutes(db);
    const orders = rows.map(toPlanOrder);
    const now = new Date();
    const plan: Plan = planBatch({
      repairMinutesByType,
      orders,
      crews: crews.map((r) => {
        const job = jobs.get(r.id);
        return { ...toRankCrew(r), busy: job ? busyOf(toCrewJob(job), now) : null };
      }),
      now,
      timeZone: this.config.TZ,
    });
    return { plan, orders, crews, now };
  }

  /**
   * GET /api/dispatch/backlog: the waiting fault orders, most urgent first, each with the crew the planner would
   * send now (or holds it for) and its ETA, or why there is none. Read-only: it plans without assigning.
   */
  async backlog(): Promise<BacklogEntry[]> {
    const db = this.database.db;
    const rows = await this.repo.waitingOrders(db);
    if (rows.length === 0) return [];
    const { plan, orders, crews, now } = await this.planFor(db, rows);
    const names = new Map(crews.map((c) => [c.id, c.name]));
    const byId = new Map(rows.map((r) => [r.id, r]));
    const proposal = new Map<
      string,
      Pick<
        BacklogEntry,
        'proposalKind' | 'proposedCrewId' | 'proposedEtaMinutes' | 'expectedFreeAt' | 'reason'
      >
    >();
    for (const a of plan.assignments) {
      proposal.set(a.ticketId, {
        proposalKind: 'dispatch',
        proposedCrewId: a.crewId,
        proposedEtaMinutes: a.etaMinutes,
        expectedFreeAt: null,
        reason: null,
      });
    }
    for (const w of plan.waiting) {
      const held = w.reason === 'held_for_busy_crew' && w.proposedCrewId !== undefined;
      proposal.set(w.ticketId, {
        proposalKind: held ? 'hold' : null,
        proposedCrewId: held ? w.proposedCrewId! : null,
        proposedEtaMinutes: held ? (w.proposedEtaMinutes ?? null) : null,
        expectedFreeAt: held ? new Date(now.getTime() + (w.freeInMinutes ?? 0) * 60_000).toISOString() : null,
        reason: w.reason,
      });
    }
    return [...orders].sort(byUrgency).map((o) => {
      const r = byId.get(o.ticketId)!;
      const p = proposal.get(o.ticketId)!;
      return {
        ticketId: r.id,
        number: r.number,
        priority: r.priority as Priority,
        zoneClass: (r.zoneClass ?? null) as ZoneClass | null,
        address: r.address,
        waitingSince: r.createdAt.toISOString(),
        arrivalDueAt: r.arrivalDueAt?.toISOString() ?? null,
        restorationDueAt: r.restorationDueAt?.toISOString() ?? null,
        ...p,
        proposedCrewName: p.proposedCrewId ? (names.get(p.proposedCrewId) ?? null) : null,
      };
    });
  }
}

function toCrewJob(r: CrewJobRow): CrewJob {
  return {
    location: r.lat !== null && r.lng !== null ? { lat: r.lat, lng: r.lng } : null,
    requiredSkills: r.requiredSkills,
    status: r.ticketStatus,
    assignedAt: r.assignedAt,
    etaMinutes: r.etaMinutes,
    arrivedAt: r.arrivedAt,
    restoredAt: r.restoredAt,
  };
}

function toPlanOrder(r: WaitingOrderRow): PlanOrder {
  return {
    ticketId: r.id,
    location: r.lat !== null && r.lng !== null ? { lat: r.lat, lng: r.lng } : null,
    zoneClass: (r.zoneClass ?? 'urban') as ZoneClass,
    requiredSkills: r.requiredSkills as CrewSkill[],
    priority: r.priority as Priority,
    sensitive: r.sensitive,
    arrivalDueAt: r.arrivalDueAt,
    restorationDueAt: r.restorationDueAt,
    waitingSince: r.createdAt,
  };
}
