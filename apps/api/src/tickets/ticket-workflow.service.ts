import { type CrewReport, checkTransition, familyOf, type TicketStatus, type TicketType } from '@gd/domain';
import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { AuditRepository } from '../audit/audit.repository.js';
import { type Actor, actorId, isSystem, type SystemActor } from '../common/actor.js';
import type { Transaction } from '../db/client.js';
import { afterCommitOf } from '../db/transaction.js';
import { DomainEventBus } from '../events/event-bus.js';
import { OutagesService } from '../outages/outages.service.js';
import { SlaClockService } from '../sla/sla-clock.service.js';
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
  /** When the milestone happened, if earlier than now (the geofence entry of a batch uploaded late). */
  at?: Date;
  /** Extra facts for the timeline; `crewId` on a dispatch assigns that crew, `parentId` on a merge names the master. */
  data?: Record<string, unknown>;
}

/** Buck-passing is not a resolution (首问负责制: no closing as "not ours"). */
const NOT_OURS =
  /not (ours|our (job|business|department|responsibility))|wrong department|非本(部门|单位)|不属于(我|本)|不归(我|本)|不是我们|与我(司|们)无关/i;

const OUTAGE_ACTOR: SystemActor = { system: 'outage', role: 'dispatcher' };

const has = (s: string | undefined): s is string => typeof s === 'string' && s.trim().length > 0;

/**
 * The one way an order changes status, whoever asks (HTTP, dispatch, geofence, callbacks, outages): locks the
 * row, asks the status machine, enforces what the move needs, stamps milestones, stops SLA clocks, writes
 * timeline and audit, and raises `ticket.status-changed`. What follows from a move lives with its owner, as a
 * listener: the crew's status (crews), the callback task (callbacks), notices (notifications), sockets (here,
 * TicketSocketsListener).
 */
@Injectable()
export class TicketWorkflowService {
  constructor(
    private readonly repo: TicketsRepository,
    private readonly sla: SlaClockService,
    private readonly audit: AuditRepository,
    private readonly events: DomainEventBus,
    private readonly outages: OutagesService,
  ) {}

  async transition(
    tx: Transaction,
    ticketId: string,
    to: TicketStatus,
    actor: Actor,
    opts: TransitionOptions = {},
  ): Promise<TicketRow> {
    if (!afterCommitOf(tx))
      throw new Error('TicketWorkflowService.transition must run inside inTransaction()');
    const before = await this.repo.lock(tx, ticketId);
    if (!before) throw new NotFoundException(`no order ${ticketId}`);
    const from = before.status as TicketStatus;
    const check = checkTransition(familyOf(before.type as TicketType), from, to, actor.role, opts.via);
    if (!check.ok) throw new ConflictException(`order ${before.number}: ${check.reason}`);
    if (!isSystem(actor) && actor.role === 'crew' && (!before.crewId || before.crewId !== actor.crewId)) {
      throw new ForbiddenException(`order ${before.number} is not assigned to your crew`);
    }

    const now = new Date();
    // When the milestone really happened: the geofence entry of a late upload, never later than now.
    const at = opts.at && opts.at < now ? opts.at : now;
    const reopening =
      (from === 'completed' || from === 'closed') && (to === 'accepted' || to === 'in_progress');
    const patch: Partial<NewTicket> = {
      status: to,
      ...requirementPatch(before, to, check.rule.requires, opts),
      ...stampPatch(before, to, actor, opts, at, reopening),
    };
    const after = await this.repo.update(tx, before.id, patch);

    // A reopened general order goes back to in_progress without its response clock being met again.
    if (!(to === 'in_progress' && reopening)) await this.sla.onMilestone(tx, after, to, at);

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
    await this.events.raise(tx, 'ticket.status-changed', {
      ticket: after,
      previousCrewId: before.crewId,
      from,
      to,
      reopened: reopening,
      note: has(opts.note) ? opts.note : null,
      at,
      actor: actor,
    });

    // A master restored or completed brings its children (the calls from inside the outage) along, and its outage.
    if (to === 'restored' || to === 'completed') await this.restoreChildren(tx, after, OUTAGE_ACTOR);
    return after;
  }

  /**
   * Restores and completes the open children of a master order through the status machine, and marks its active
   * outage restored. Safe to call again: finished children and a restored outage are left alone.
   */
  async restoreChildren(tx: Transaction, master: TicketRow, actor: Actor = OUTAGE_ACTOR) {
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
    await this.outages.restoreWithMaster(tx, master.id, actor);
  }
}

/** What the move's requirement (report, note, resolution) adds to the order, or why it cannot be made. */
function requirementPatch(
  before: TicketRow,
  to: TicketStatus,
  requires: 'report' | 'note' | 'resolution' | undefined,
  opts: TransitionOptions,
): Partial<NewTicket> {
  switch (requires) {
    case 'report': {
      const r = opts.report;
      if (!r || !has(r.cause) || !has(r.workDone)) {
        throw new BadRequestException(
          'report with cause and workDone is required to complete a repair order',
        );
      }
      return {
        report: {
          cause: r.cause,
          workDone: r.workDone,
          ...(has(r.materials) ? { materials: r.materials } : {}),
        },
      };
    }
    case 'note':
      if (!has(opts.note)) throw new BadRequestException(`note is required to move an order to ${to}`);
      return to === 'completed' ? { resolution: opts.note } : {};
    case 'resolution': {
      const resolution = has(opts.note)
        ? opts.note
        : (before.resolution ?? (before.report ? `${before.report.cause}: ${before.report.workDone}` : null));
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
      return { resolution };
    }
    default:
      return {};
  }
}

/** The milestone stamps and assignments a move sets on the order. */
function stampPatch(
  before: TicketRow,
  to: TicketStatus,
  actor: Actor,
  opts: TransitionOptions,
  at: Date,
  reopening: boolean,
): Partial<NewTicket> {
  switch (to) {
    case 'dispatched': {
      const assigned = typeof opts.data?.crewId === 'string' ? opts.data.crewId : before.crewId;
      if (!assigned)
        throw new UnprocessableEntityException(`dispatching order ${before.number} needs a crew`);
      return { crewId: assigned, dispatchedAt: before.dispatchedAt ?? at };
    }
    case 'acknowledged':
      return { acknowledgedAt: before.acknowledgedAt ?? at };
    case 'en_route':
      return { enRouteAt: before.enRouteAt ?? at };
    case 'on_site':
      return {
        arrivedAt: before.arrivedAt ?? at,
        arrivalManual:
          before.arrivedAt !== null
            ? before.arrivalManual
            : (opts.manualArrival ?? !(isSystem(actor) && actor.system === 'geofence')),
      };
    case 'restored':
      return { restoredAt: before.restoredAt ?? at };
    case 'completed':
      return {
        completedAt: at,
        ...(familyOf(before.type as TicketType) === 'repair' ? { restoredAt: before.restoredAt ?? at } : {}),
      };
    case 'closed':
      return { closedAt: at };
    case 'merged': {
      const parentId = opts.data?.parentId;
      if (typeof parentId !== 'string')
        throw new UnprocessableEntityException('a merge needs the master order');
      return {
        parentId,
        ...(typeof opts.data?.outageId === 'string' ? { outageId: opts.data.outageId } : {}),
      };
    }
    case 'accepted':
    case 'in_progress': {
      const reopened = reopening
        ? { reopenCount: before.reopenCount + 1, completedAt: null, closedAt: null, resolution: null }
        : {};
      // Back to dispatch (after a dissatisfied callback or an undone dispatch): the crew is free again.
      if (to === 'accepted') return { ...reopened, crewId: null, ...(reopening ? { report: null } : {}) };
      return reopened;
    }
    default:
      return {};
  }
}
