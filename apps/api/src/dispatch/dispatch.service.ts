import {
  type CrewSkill,
  type CrewStatus,
  type LatLng,
  type NoticeParams,
  type Priority,
  type RankCrew,
  type RankedCandidate,
  type RankOrder,
  rankCrews,
  type Ticket,
  type ZoneClass,
} from '@gd/domain';
import {
  ConflictException,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { AuditRepository } from '../audit/audit.repository.js';
import { StaffRepository } from '../auth/staff.repository.js';
import { type Actor, actorId, type SystemActor } from '../common/actor.js';
import type { AuthUser } from '../common/auth-user.js';
import type { Config } from '../config.js';
import { InjectConfig } from '../config.module.js';
import { type CrewRow, CrewsRepository } from '../crews/crews.repository.js';
import { CrewsService } from '../crews/crews.service.js';
import type { DatabaseHandle, DatabaseOrTransaction, Transaction } from '../db/client.js';
import { InjectDatabase } from '../db/database.module.js';
import { type AfterCommit, afterCommitOf, inTransaction } from '../db/transaction.js';
import { DomainEventBus } from '../events/event-bus.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { RealtimeService } from '../realtime/realtime.service.js';
import { SharedCache } from '../realtime/shared-cache.js';
import { TicketViews } from '../tickets/ticket.views.js';
import { TicketBroadcast } from '../tickets/ticket-broadcast.js';
import { TicketWorkflowService } from '../tickets/ticket-workflow.service.js';
import { type TicketRow, TicketsRepository } from '../tickets/tickets.repository.js';
import type { CandidatesQuery, DispatchDto, DispatchSettingsDto } from './dispatch.dto.js';
import { DispatchRepository } from './dispatch.repository.js';
import { RoadEtaService } from './road-eta.js';

export interface DispatchSettings {
  autoDispatch: boolean;
  geofenceRadiusM: number;
}
export const DEFAULT_DISPATCH_SETTINGS: DispatchSettings = { autoDispatch: false, geofenceRadiusM: 150 };
const SETTINGS_KEY = 'dispatch';

/** A candidate as the API shows it: the ranking plus the crew's code and name for the list. */
export type CandidateView = RankedCandidate & { code: string; name: string };

const AUTO: SystemActor = { system: 'auto-dispatch', role: 'dispatcher' };
/** Statuses an order keeps its crews in (additional crews may join). */
const WORKING = ['dispatched', 'acknowledged', 'en_route', 'on_site', 'restored'];
const PREEMPTABLE = ['dispatched', 'en_route'];

export function toRankCrew(r: CrewRow): RankCrew {
  return {
    id: r.id,
    skills: r.skills as CrewSkill[],
    status: r.status as CrewStatus,
    position: r.lastLat !== null && r.lastLng !== null ? { lat: r.lastLat, lng: r.lastLng } : null,
    depot: { lat: r.depotLat, lng: r.depotLng },
    shift: r.shiftStart && r.shiftEnd ? { start: r.shiftStart, end: r.shiftEnd } : null,
  };
}

/**
 * Nearest-crew dispatch: ranks crews for an order (pure `rankCrews`, optionally refined by OSRM road times),
 * assigns one through the ticket workflow (the only way an order changes status), records the assignment (who or
 * what assigned, the ETA promised, the distance and why) and, when auto-dispatch is on, does it by itself for
 * each new fault order, alerting dispatchers and supervisors when no crew can make the arrival clock.
 */
@Injectable()
export class DispatchService {
  constructor(
    @InjectDatabase() private readonly database: DatabaseHandle,
    @InjectConfig() private readonly config: Config,
    private readonly crews: CrewsRepository,
    private readonly crewsService: CrewsService,
    private readonly repo: DispatchRepository,
    private readonly tickets: TicketsRepository,
    private readonly views: TicketViews,
    private readonly workflow: TicketWorkflowService,
    private readonly notifications: NotificationsService,
    private readonly staff: StaffRepository,
    private readonly audit: AuditRepository,
    private readonly roadEta: RoadEtaService,
    private readonly broadcast: TicketBroadcast,
    private readonly events: DomainEventBus,
    realtime: RealtimeService,
  ) {
    // Auto-dispatch asks on every new order.
    this.cachedSettings = new SharedCache(
      'dispatch-settings',
      10_000,
      (db) => this.readSettings(db),
      realtime,
    );
  }

  private readonly cachedSettings: SharedCache<DispatchSettings>;

  /** The settings in force; inside a transaction (`db` given) read from it, else from the node's cache. */
  settings(db?: DatabaseOrTransaction): Promise<DispatchSettings> {
    return db ? this.readSettings(db) : this.cachedSettings.get(this.database.db);
  }

  private async readSettings(db: DatabaseOrTransaction = this.database.db): Promise<DispatchSettings> {
    const stored = await this.repo.getSetting<Partial<DispatchSettings>>(db, SETTINGS_KEY);
    return { ...DEFAULT_DISPATCH_SETTINGS, ...(stored ?? {}) };
  }

  async updateSettings(actor: AuthUser, dto: DispatchSettingsDto): Promise<DispatchSettings> {
    const updated = await inTransaction(this.database.db, async (tx) => {
      const before = await this.settings(tx);
      const after = { ...before, ...dto };
      await this.repo.putSetting(tx, SETTINGS_KEY, after, actor.id);
      await this.audit.record(tx, {
        actorId: actor.id,
        action: 'settings.dispatch',
        entity: 'settings',
        entityId: SETTINGS_KEY,
        before,
        after,
      });
      return after;
    });
    this.cachedSettings.invalidate();
    return updated;
  }

  /** Crews for an order, best first. Crews already on the order are left out. */
  async candidates(ticketId: string, q: CandidatesQuery = {}): Promise<CandidateView[]> {
    const db = this.database.db;
    const ticket = await this.tickets.findById(db, ticketId);
    if (!ticket) throw new NotFoundException(`no order ${ticketId}`);
    const onIt = new Set((await this.crews.activeAssignmentsOf(db, ticketId)).map((a) => a.crewId));
    return this.rank(db, ticket, { ...q, exclude: onIt });
  }

  private async rank(
    db: DatabaseOrTransaction,
    ticket: TicketRow,
    q: CandidatesQuery & { exclude?: Set<string> },
  ): Promise<CandidateView[]> {
    const now = new Date();
    const dueAt = await this.repo.arrivalDueAt(db, ticket.id);
    const order = orderOf(ticket, dueAt);
    const rows = (await this.crews.list(db)).filter((r) => !q.exclude?.has(r.id));
    const byId = new Map(rows.map((r) => [r.id, r]));
    let ranked = rankCrews(order, rows.map(toRankCrew), {
      now,
      timeZone: this.config.TZ,
      limit: q.limit ?? 20,
      includeIneligible: q.includeIneligible === true,
      allowPreemption: q.allowPreemption === true,
    });
    if (this.roadEta.enabled) {
      ranked = (
        await this.roadEta.refine(
          order.location,
          ranked,
          (c) => {
            const r = byId.get(c.crewId)!;
            return c.source === 'gps'
              ? { lat: r.lastLat!, lng: r.lastLng! }
              : { lat: r.depotLat, lng: r.depotLng };
          },
          { setupMinutes: 5, dueAt, now },
        )
      ).candidates;
    }
    return ranked.map((c) => ({ ...c, code: byId.get(c.crewId)!.code, name: byId.get(c.crewId)!.name }));
  }

  /** POST /tickets/:id/dispatch: a person sends a crew (or the best one). */
  async dispatch(actor: AuthUser, ticketId: string, dto: DispatchDto): Promise<Ticket> {
    await this.assign(actor, ticketId, dto, 'manual');
    return this.views.one((await this.tickets.findById(this.database.db, ticketId))!);
  }

  /**
   * Sends the crew the planner chose to a waiting order, inside the planner's transaction: the order must still be
   * waiting (accepted, no crew, not a child: an order a person has dispatched since is never moved) and the crew
   * free; otherwise null and nothing changes. The crew is locked and checked like a dispatcher's choice.
   */
  async assignPlanned(
    tx: Transaction,
    planned: { ticketId: string; crewId: string },
    reason: string,
  ): Promise<{ ticket: TicketRow; crew: CrewRow; candidate: RankedCandidate } | null> {
    const ticket = await this.tickets.lock(tx, planned.ticketId);
    if (ticket?.type !== 'fault_repair' || ticket.status !== 'accepted' || ticket.crewId || ticket.parentId)
      return null;
    const crew = await this.crews.findById(tx, planned.crewId);
    if (crew?.status !== 'available' || crew.ticketId) return null;
    const done = await this.assignIn(tx, AUTO, planned.ticketId, { crewId: planned.crewId, reason }, 'auto');
    return { ticket, ...done };
  }

  private assign(actor: Actor, ticketId: string, dto: DispatchDto, mode: 'manual' | 'auto') {
    return inTransaction(this.database.db, (tx) => this.assignIn(tx, actor, ticketId, dto, mode));
  }

  private async assignIn(
    tx: Transaction,
    actor: Actor,
    ticketId: string,
    dto: DispatchDto,
    mode: 'manual' | 'auto',
  ): Promise<{ candidate: RankedCandidate; crew: CrewRow }> {
    const afterCommit = afterCommitOf(tx)!;
    const ticket = await this.tickets.lock(tx, ticketId);
    if (!ticket) throw new NotFoundException(`no order ${ticketId}`);
    if (ticket.type !== 'fault_repair') {
      throw new UnprocessableEntityException(`order ${ticket.number} is not a repair order: no crew is sent`);
    }
    const active = await this.crews.activeAssignmentsOf(tx, ticketId);
    const onIt = new Set(active.map((a) => a.crewId));
    if (dto.additional && !WORKING.includes(ticket.status)) {
      throw new ConflictException(
        `order ${ticket.number} is ${ticket.status}: additional crews join an order that already has one`,
      );
    }
    const required = ticket.requiredSkills as CrewSkill[];

    let crew: CrewRow;
    let candidate: RankedCandidate;
    if (dto.crewId) {
      const row = await this.crews.lock(tx, dto.crewId);
      if (!row) throw new NotFoundException(`no crew ${dto.crewId}`);
      checkChosenCrew(row, ticket, onIt, required, dto, this.config.TZ);
      crew = row;
      const dueAt = await this.repo.arrivalDueAt(tx, ticketId);
      candidate = rankCrews(orderOf(ticket, dueAt), [toRankCrew(row)], {
        now: new Date(),
        timeZone: this.config.TZ,
        includeIneligible: true,
        allowPreemption: dto.allowPreemption === true,
      })[0]!;
    } else {
      const ranked = (
        await this.rank(tx, ticket, {
          limit: 10,
          allowPreemption: dto.allowPreemption === true,
          exclude: onIt,
        })
      ).filter((c) => c.eligible);
      let picked: { row: CrewRow; c: RankedCandidate } | null = null;
      for (const c of ranked) {
        // Another order may have taken it since the ranking read it: lock and look again.
        const row = await this.crews.lock(tx, c.crewId);
        if (row && (row.status === 'available' || (c.preempts && PREEMPTABLE.includes(row.status)))) {
          picked = { row, c };
          break;
        }
      }
      if (!picked) {
        throw new ConflictException(
          `no available crew${required.length ? ` with ${required.join(' + ')}` : ''} for order ${ticket.number}`,
        );
      }
      crew = picked.row;
      candidate = picked.c;
    }

    // Pre-emption: the crew's current order goes back to dispatch, with the reason on its timeline.
    if (crew.ticketId && crew.ticketId !== ticketId && PREEMPTABLE.includes(crew.status)) {
      await this.workflow.transition(tx, crew.ticketId, 'accepted', actor, {
        note: `crew ${crew.code} taken for urgent order ${ticket.number}`,
        data: { preemptedBy: ticket.id },
      });
    }

    const missing = required.filter((s) => !crew.skills.includes(s));
    const facts = {
      crewId: crew.id,
      crewCode: crew.code,
      mode,
      etaMinutes: candidate.etaMinutes,
      distanceKm: candidate.distanceKm,
      meetsArrivalSla: candidate.meetsArrivalSla,
      ...(missing.length ? { missingSkills: missing } : {}),
      ...(candidate.preempts ? { preempted: true } : {}),
    };
    if (dto.additional) {
      const after = (await this.crews.setOrderStatus(tx, crew.id, 'dispatched', ticketId))!;
      await this.tickets.addEvent(tx, {
        ticketId,
        actorId: actorId(actor),
        kind: 'crew_added',
        data: { ...facts, ...(dto.reason ? { reason: dto.reason } : {}) },
      });
      await this.audit.record(tx, {
        actorId: actorId(actor),
        action: 'ticket.crew_added',
        entity: 'ticket',
        entityId: ticketId,
        after: facts,
      });
      this.crewsService.announce(afterCommit, after);
      this.broadcast.updated(afterCommit, ticketId, 'crew_added');
    } else {
      const dispatched = await this.workflow.transition(tx, ticketId, 'dispatched', actor, {
        via: 'dispatch',
        ...(dto.reason ? { note: dto.reason } : {}),
        data: facts,
      });
      // The crew and its promised ETA, for whoever tells the customer (messages).
      await this.events.raise(tx, 'ticket.dispatched', {
        ticket: dispatched,
        crewId: crew.id,
        etaMinutes: candidate.etaMinutes,
        actor,
      });
    }
    await this.crews.insertAssignment(tx, {
      ticketId,
      crewId: crew.id,
      assignedBy: actorId(actor),
      mode,
      etaMinutes: candidate.etaMinutes,
      distanceKm: candidate.distanceKm,
      reason: dto.reason ?? (mode === 'auto' ? 'auto-dispatch: best candidate' : null),
    });
    return { candidate, crew };
  }

  /** A notice to every dispatcher and supervisor, and a line on the order's timeline. */
  async alert(
    ticket: TicketRow,
    message: string,
    data: Record<string, unknown>,
    params: NoticeParams['dispatch.alert'],
  ) {
    await inTransaction(this.database.db, async (tx: Transaction, afterCommit: AfterCommit) => {
      const people = [
        ...(await this.staff.list(tx, { role: 'dispatcher' })),
        ...(await this.staff.list(tx, { role: 'supervisor' })),
      ].filter((s) => !s.disabled);
      await this.notifications.notify(
        tx,
        afterCommit,
        people.map((p) => p.id),
        { ticketId: ticket.id, kind: 'dispatch.alert', params, message, data },
      );
      await this.tickets.addEvent(tx, {
        ticketId: ticket.id,
        actorId: null,
        kind: 'dispatch.alert',
        data: { ...data, message, system: 'auto-dispatch' },
      });
    });
  }
}

function orderOf(ticket: TicketRow, dueAt: Date | null): RankOrder & { location: LatLng } {
  if (ticket.lat === null || ticket.lng === null) {
    throw new UnprocessableEntityException(`order ${ticket.number} has no location: no crew can be ranked`);
  }
  return {
    location: { lat: ticket.lat, lng: ticket.lng },
    zoneClass: (ticket.zoneClass ?? 'urban') as ZoneClass,
    requiredSkills: ticket.requiredSkills as CrewSkill[],
    priority: ticket.priority as Priority,
    arrivalDueAt: dueAt,
  };
}

/** Why a crew named by the dispatcher cannot go; throws 409/422 with a reason a person can act on. */
function checkChosenCrew(
  row: CrewRow,
  ticket: TicketRow,
  onIt: Set<string>,
  required: readonly CrewSkill[],
  dto: DispatchDto,
  timeZone: string,
) {
  if (onIt.has(row.id)) throw new ConflictException(`crew ${row.code} is already on order ${ticket.number}`);
  const missing = required.filter((s) => !row.skills.includes(s));
  // A combined order needs several skills: a crew bringing at least one of them may go (others join it).
  if (required.length > 0 && missing.length === required.length) {
    throw new UnprocessableEntityException(
      `crew ${row.code} has none of the skills order ${ticket.number} needs (${required.join(', ')})`,
    );
  }
  if (row.status === 'off_duty') throw new ConflictException(`crew ${row.code} is off duty`);
  if (row.status !== 'available') {
    const canPreempt =
      dto.allowPreemption === true && ticket.priority === 'urgent' && PREEMPTABLE.includes(row.status);
    if (!canPreempt) {
      const hint =
        PREEMPTABLE.includes(row.status) && ticket.priority === 'urgent'
          ? ' (allowPreemption takes it off)'
          : '';
      throw new ConflictException(`crew ${row.code} is ${row.status} on another order${hint}`);
    }
  }
  const rank = rankCrews(
    { location: { lat: 0, lng: 0 }, zoneClass: 'urban', requiredSkills: [], priority: 'urgent' },
    [toRankCrew(row)],
    { now: new Date(), timeZone, includeIneligible: true, allowPreemption: true },
  )[0];
  if (rank?.reason === 'off_shift') {
    throw new ConflictException(`crew ${row.code} is off shift (${row.shiftStart}–${row.shiftEnd})`);
  }
}
