import {
  type CrewReport,
  type CrewStatus,
  checkTransition,
  familyOf,
  rooms,
  type TicketStatus,
  type TicketType,
} from '@gd/domain';
import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { AuditRepository } from '../audit/audit.repository.js';
import { type Actor, actorId, isSystem, type SystemActor } from '../auth/actor.js';
import { CallbacksService } from '../callbacks/callbacks.service.js';
import type { DatabaseHandle, Transaction } from '../db/client.js';
import { InjectDatabase } from '../db/database.module.js';
import { type AfterCommit, afterCommitOf } from '../db/transaction.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { toOutage } from '../outages/outage.mapper.js';
import { OutagesRepository } from '../outages/outages.repository.js';
import { RealtimeService } from '../realtime/realtime.service.js';
import { SlaClockService, type SlaMilestone } from '../sla/sla-clock.service.js';
import { TeamDirectory } from '../staff/team-directory.js';
import { TicketViews } from './ticket.views.js';
import { type NewTicket, type TicketRow, TicketsRepository } from './tickets.repository.js';

export interface TransitionOptions {
  /** Reason (cancel, reopen, undo a dispatch) or the reply to the customer (general orders, closing). */
  note?: string;
  /** The crew's report (回单), required to complete a repair order. */
  report?: CrewReport;
  /** Moves reserved to a dedicated endpoint: dispatch, merge, outage restoration. */
  via?: 'dispatch' | 'merge' | 'outage';
  /** Arrival reported by hand rather than by the geofence (default: true unless the actor is the geofence). */
  manualArrival?: boolean;
  /** Extra facts for the timeline; `crewId` on a dispatch assigns that crew, `parentId` on a merge names the master. */
  data?: Record<string, unknown>;
}

/** The crew's status while its order is in a status (null: the crew is released). */
const CREW_STATUS: Partial<Record<TicketStatus, CrewStatus | null>> = {
  dispatched: 'dispatched',
  acknowledged: 'dispatched',
  en_route: 'en_route',
  on_site: 'on_site',
  restored: 'on_site',
  completed: null,
  cancelled: null,
  merged: null,
  accepted: null,
};

const MILESTONE: Partial<Record<TicketStatus, SlaMilestone>> = {
  on_site: 'on_site',
  restored: 'restored',
  in_progress: 'in_progress',
  completed: 'completed',
  cancelled: 'cancelled',
  merged: 'merged',
};

/** Buck-passing is not a resolution (首问负责制: no closing as "not ours"). */
const NOT_OURS =
  /not (ours|our (job|business|department|responsibility))|wrong department|非本(部门|单位)|不属于(我|本)|不归(我|本)|不是我们|与我(司|们)无关/i;

const OUTAGE_ACTOR: SystemActor = { system: 'outage', role: 'dispatcher' };

const has = (s: string | undefined): s is string => typeof s === 'string' && s.trim().length > 0;

/**
 * The one way an order changes status, whoever asks (HTTP, dispatch, geofence, callbacks, outages): locks the
 * row, asks the status machine, enforces what the move needs, stamps milestones, stops SLA clocks, keeps the
 * crew in step, writes timeline and audit, and after commit tells everyone concerned.
 */
@Injectable()
export class TicketWorkflowService {
  constructor(
    @InjectDatabase() private readonly database: DatabaseHandle,
    private readonly repo: TicketsRepository,
    private readonly sla: SlaClockService,
    private readonly audit: AuditRepository,
    private readonly realtime: RealtimeService,
    private readonly notifications: NotificationsService,
    private readonly views: TicketViews,
    private readonly outages: OutagesRepository,
    private readonly callbacks: CallbacksService,
    private readonly teams: TeamDirectory,
  ) {}

  async transition(
    tx: Transaction,
    ticketId: string,
    to: TicketStatus,
    actor: Actor,
    opts: TransitionOptions = {},
  ): Promise<TicketRow> {
    const afterCommit = afterCommitOf(tx);
    if (!afterCommit) throw new Error('TicketWorkflowService.transition must run inside inTransaction()');
    const before = await this.repo.lock(tx, ticketId);
    if (!before) throw new NotFoundException(`no order ${ticketId}`);
    const from = before.status as TicketStatus;
    const check = checkTransition(familyOf(before.type as TicketType), from, to, actor.role, opts.via);
    if (!check.ok) throw new ConflictException(`order ${before.number}: ${check.reason}`);
    if (!isSystem(actor) && actor.role === 'crew' && (!before.crewId || before.crewId !== actor.crewId)) {
      throw new ForbiddenException(`order ${before.number} is not assigned to your crew`);
    }

    const now = new Date();
    const patch: Partial<NewTicket> = { status: to };
    const reopening =
      (from === 'completed' || from === 'closed') && (to === 'accepted' || to === 'in_progress');

    switch (check.rule.requires) {
      case 'report': {
        const r = opts.report;
        if (!r || !has(r.cause) || !has(r.workDone)) {
          throw new BadRequestException(
            'report with cause and workDone is required to complete a repair order',
          );
        }
        patch.report = {
          cause: r.cause,
          workDone: r.workDone,
          ...(has(r.materials) ? { materials: r.materials } : {}),
        };
        break;
      }
      case 'note':
        if (!has(opts.note)) throw new BadRequestException(`note is required to move an order to ${to}`);
        if (to === 'completed') patch.resolution = opts.note;
        break;
      case 'resolution': {
        const resolution = has(opts.note)
          ? opts.note
          : (before.resolution ??
            (before.report ? `${before.report.cause}: ${before.report.workDone}` : null));
        if (!resolution) {
          throw new UnprocessableEntityException(
            `order ${before.number} cannot be closed without a resolution (a crew report, a reply to the customer or a merge)`,
          );
        }
        if (NOT_OURS.test(resolution)) {
          throw new UnprocessableEntityException(
            `"not ours" is not a resolution: hand the order over to the right department instead (首问负责制)`,
          );
        }
        patch.resolution = resolution;
        break;
      }
    }

    let crewId = before.crewId;
    let releasedCrew: string | null = null;
    switch (to) {
      case 'dispatched': {
        const assigned = typeof opts.data?.crewId === 'string' ? opts.data.crewId : before.crewId;
        if (!assigned)
          throw new UnprocessableEntityException(`dispatching order ${before.number} needs a crew`);
        if (before.crewId && before.crewId !== assigned) releasedCrew = before.crewId;
        crewId = assigned;
        patch.crewId = assigned;
        patch.dispatchedAt = before.dispatchedAt ?? now;
        break;
      }
      case 'acknowledged':
        patch.acknowledgedAt = before.acknowledgedAt ?? now;
        break;
      case 'en_route':
        patch.enRouteAt = before.enRouteAt ?? now;
        break;
      case 'on_site':
        patch.arrivedAt = before.arrivedAt ?? now;
        patch.arrivalManual =
          before.arrivedAt !== null
            ? before.arrivalManual
            : (opts.manualArrival ?? !(isSystem(actor) && actor.system === 'geofence'));
        break;
      case 'restored':
        patch.restoredAt = before.restoredAt ?? now;
        break;
      case 'completed':
        patch.completedAt = now;
        if (familyOf(before.type as TicketType) === 'repair') patch.restoredAt = before.restoredAt ?? now;
        break;
      case 'closed':
        patch.closedAt = now;
        break;
      case 'merged': {
        const parentId = opts.data?.parentId;
        if (typeof parentId !== 'string')
          throw new UnprocessableEntityException('a merge needs the master order');
        patch.parentId = parentId;
        if (typeof opts.data?.outageId === 'string') patch.outageId = opts.data.outageId;
        break;
      }
      case 'accepted':
      case 'in_progress':
        if (reopening) {
          patch.reopenCount = before.reopenCount + 1;
          patch.completedAt = null;
          patch.closedAt = null;
          patch.resolution = null;
        }
        if (to === 'accepted') {
          // Back to dispatch: after a dissatisfied callback or an undone dispatch the crew is free again.
          if (before.crewId) releasedCrew = before.crewId;
          patch.crewId = null;
          crewId = null;
          if (reopening) patch.report = null;
        }
        break;
    }

    const after = await this.repo.update(tx, before.id, patch);
    // 回访: a completed order gets its callback task in the same transaction (issue 6).
    if (to === 'completed') await this.callbacks.onCompleted(tx, after);

    const milestone = MILESTONE[to];
    if (milestone && !(to === 'in_progress' && reopening))
      await this.sla.onMilestone(tx, after, milestone, now);

    // Crew status follows its order.
    const crewEvents: { crewId: string; status: CrewStatus; ticketId: string | null }[] = [];
    if (releasedCrew) {
      const row = await this.repo.releaseCrew(tx, releasedCrew, before.id);
      if (row) crewEvents.push({ crewId: row.id, status: 'available', ticketId: null });
    }
    const crewStatus = CREW_STATUS[to];
    if (crewId && crewStatus !== undefined) {
      if (crewStatus === null) {
        const row = await this.repo.releaseCrew(tx, crewId, before.id);
        if (row) crewEvents.push({ crewId: row.id, status: 'available', ticketId: null });
      } else {
        const row = await this.repo.setCrewStatus(tx, crewId, crewStatus, before.id);
        if (row) crewEvents.push({ crewId: row.id, status: crewStatus, ticketId: before.id });
        if (to === 'on_site')
          await this.repo.stampAssignmentArrival(tx, crewId, before.id, now, after.arrivalManual);
      }
    }
    if (crewStatus === null) {
      // Combined orders (issue 5): every other crew still on the order goes free with it.
      for (const row of await this.repo.releaseAllCrews(tx, before.id)) {
        crewEvents.push({ crewId: row.id, status: 'available', ticketId: null });
      }
    }

    const change = reopening ? 'reopened' : to;
    const data: Record<string, unknown> = {
      from,
      to,
      ...(has(opts.note) ? { note: opts.note } : {}),
      ...(patch.report ? { report: patch.report } : {}),
      ...(opts.via ? { via: opts.via } : {}),
      ...(isSystem(actor) ? { system: actor.system } : {}),
      ...(opts.data ?? {}),
    };
    await this.repo.addEvent(tx, {
      ticketId: before.id,
      actorId: actorId(actor),
      kind: reopening ? 'reopened' : 'status',
      data,
      at: now,
    });
    await this.audit.record(tx, {
      actorId: actorId(actor),
      action: `ticket.${change}`,
      entity: 'ticket',
      entityId: before.id,
      before: { status: from, crewId: before.crewId, ownerId: before.ownerId },
      after: { status: to, crewId: after.crewId, ...(isSystem(actor) ? { system: actor.system } : {}) },
    });

    const recipients = [after.firstResponderId, after.ownerId].filter((id) => id !== actorId(actor));
    await this.notifications.notify(tx, afterCommit, recipients, {
      ticketId: after.id,
      kind: change === 'reopened' ? 'reopened' : 'status',
      message: `工单 ${after.number}: ${from} → ${to}${has(opts.note) ? ` (${opts.note})` : ''}`,
      data: { from, to },
    });

    afterCommit(async () => {
      for (const e of crewEvents) {
        this.realtime.emit('crew.status', { id: e.crewId, ...e }, [
          rooms.role('dispatcher'),
          rooms.role('supervisor'),
          rooms.crew(e.crewId),
        ]);
      }
    });
    this.emitUpdated(afterCommit, after.id, change);

    // A master restored or completed brings its children (the calls from inside the outage) along, and its outage.
    if (to === 'restored' || to === 'completed') await this.restoreChildren(tx, after, OUTAGE_ACTOR);
    return after;
  }

  /**
   * Restores and completes the open children of a master order through the status machine, and marks its active
   * outage restored. Safe to call again: finished children and a restored outage are left alone.
   */
  async restoreChildren(tx: Transaction, master: TicketRow, actor: Actor = OUTAGE_ACTOR) {
    const afterCommit = afterCommitOf(tx);
    if (!afterCommit) throw new Error('restoreChildren must run inside inTransaction()');
    const children = await this.repo.openChildren(tx, master.id);
    for (const child of children) {
      if (child.type !== 'fault_repair') continue;
      const note = `restored with master order ${master.number}`;
      if (child.status !== 'restored') {
        await this.transition(tx, child.id, 'restored', actor, {
          via: 'outage',
          note,
          data: { masterId: master.id },
        });
      }
      await this.transition(tx, child.id, 'completed', actor, {
        report: { cause: master.report?.cause ?? `outage of master order ${master.number}`, workDone: note },
        data: { masterId: master.id },
      });
    }
    const outage = await this.outages.activeWithMaster(tx, master.id);
    if (outage) {
      const restored = await this.outages.markRestored(tx, outage.id, new Date());
      if (restored) this.emitOutage(afterCommit, restored);
    }
  }

  emitOutage(afterCommit: AfterCommit, outage: Parameters<typeof toOutage>[0]) {
    afterCommit(() => {
      this.realtime.emit('outage.updated', { id: outage.id, outage: toOutage(outage) }, [
        rooms.role('agent'),
        rooms.role('dispatcher'),
        rooms.role('supervisor'),
      ]);
    });
  }

  /** After commit: the order as it is then, to everyone who watches it. */
  emitUpdated(afterCommit: AfterCommit, ticketId: string, change: string) {
    afterCommit(async () => {
      const row = await this.repo.findById(this.database.db, ticketId);
      if (!row) return;
      const ticket = await this.views.one(row);
      this.realtime.emit('ticket.updated', { id: row.id, ticket, change }, ticketRooms(row, this.teams));
    });
  }
}

/**
 * Who watches an order: dispatchers, supervisors, its district, its first responder and owner and their teams, its
 * crew.
 */
export function ticketRooms(t: TicketRow, teams: TeamDirectory): string[] {
  return [
    rooms.role('dispatcher'),
    rooms.role('supervisor'),
    ...(t.district ? [rooms.district(t.district)] : []),
    rooms.user(t.firstResponderId),
    rooms.user(t.ownerId),
    ...teams.roomsOf(t.firstResponderId, t.ownerId),
    ...(t.crewId ? [rooms.crew(t.crewId)] : []),
  ];
}
