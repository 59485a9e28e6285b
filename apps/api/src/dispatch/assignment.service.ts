import { type CrewSkill, type RankedCandidate, rankCrews, type Ticket } from '@gd/domain';
import {
  ConflictException,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { AuditRepository } from '../audit/audit.repository.js';
import { type Actor, actorId, type SystemActor } from '../common/actor.js';
import type { AuthUser } from '../common/auth-user.js';
import type { Config } from '../config.js';
import { InjectConfig } from '../config.module.js';
import { type CrewRow, CrewsRepository } from '../crews/crews.repository.js';
import type { DatabaseHandle, Transaction } from '../db/client.js';
import { InjectDatabase } from '../db/database.module.js';
import { inTransaction } from '../db/transaction.js';
import { DomainEventBus } from '../events/event-bus.js';
import { TicketViews } from '../tickets/ticket.views.js';
import { TicketWorkflowService } from '../tickets/ticket-workflow.service.js';
import { type TicketRow, TicketsRepository } from '../tickets/tickets.repository.js';
import { CandidatesService } from './candidates.service.js';
import type { DispatchDto } from './dispatch.dto.js';
import { DispatchRepository } from './dispatch.repository.js';
import { orderOf, toRankCrew } from './rank-inputs.js';

const AUTO: SystemActor = { system: 'auto-dispatch', role: 'dispatcher' };
/** Statuses an order keeps its crews in (additional crews may join). */
const WORKING = ['dispatched', 'acknowledged', 'en_route', 'on_site', 'restored'];
const PREEMPTABLE = ['dispatched', 'en_route'];

/**
 * Sending a crew to an order, by a person or by the planner: through the ticket workflow (the only way an order
 * changes status), with the assignment recorded (who or what assigned, the ETA promised, the distance and why);
 * a crew named by a dispatcher is checked (409/422 with a reason), otherwise the best candidate still free goes;
 * an urgent order may pre-empt a crew driving elsewhere, whose order goes back to dispatch.
 */
@Injectable()
export class AssignmentService {
  constructor(
    @InjectDatabase() private readonly database: DatabaseHandle,
    @InjectConfig() private readonly config: Config,
    private readonly crews: CrewsRepository,
    private readonly repo: DispatchRepository,
    private readonly tickets: TicketsRepository,
    private readonly views: TicketViews,
    private readonly workflow: TicketWorkflowService,
    private readonly audit: AuditRepository,
    private readonly events: DomainEventBus,
    private readonly candidates: CandidatesService,
  ) {}

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
        await this.candidates.rank(tx, ticket, {
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
      await this.events.raise(tx, 'crew.changed', { crew: after });
      await this.events.raise(tx, 'ticket.crew-added', { ticketId, crewId: crew.id, actor });
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
