import { randomUUID } from 'node:crypto';
import {
  type CustomerWithOrders,
  distanceKm,
  FINAL_STATUSES,
  familyOf,
  formatTicketNumber,
  isOpenStatus,
  type LatLng,
  needsLocation,
  type Ticket,
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
import { StaffRepository } from '../auth/staff.repository.js';
import type { AuthUser } from '../common/auth-user.js';
import type { Config } from '../config.js';
import { InjectConfig } from '../config.module.js';
import { CustomersRepository } from '../customers/customers.repository.js';
import { CustomersService } from '../customers/customers.service.js';
import type { DatabaseHandle, DatabaseOrTransaction } from '../db/client.js';
import { InjectDatabase } from '../db/database.module.js';
import { inTransaction } from '../db/transaction.js';
import { DomainEventBus } from '../events/event-bus.js';
import { OutagesService } from '../outages/outages.service.js';
import { SlaClockService, toTicketSla } from '../sla/sla-clock.service.js';
import { TerritoryService } from '../territory/territory.service.js';
import { TicketViews, toTicket, toTimelineEntry } from './ticket.views.js';
import { TicketBroadcast } from './ticket-broadcast.js';
import type { TicketRef } from './ticket-ref.pipe.js';
import { TicketWorkflowService } from './ticket-workflow.service.js';
import type {
  CreateTicketDto,
  HandoffDto,
  ListTicketsQuery,
  MergeDto,
  TransitionDto,
  UrgeDto,
} from './tickets.dto.js';
import { newTicketRow, type TicketRow, TicketsRepository } from './tickets.repository.js';

/** Merge suggestion: this many fault orders, within this window and radius. */
export const CLUSTER = { minOrders: 3, windowMs: 15 * 60_000, radiusKm: 1 };

export interface MergeSuggestion {
  suggested: boolean;
  masterId: string | null;
  tickets: Ticket[];
}

@Injectable()
export class TicketsService {
  constructor(
    @InjectDatabase() private readonly database: DatabaseHandle,
    @InjectConfig() private readonly config: Config,
    private readonly repo: TicketsRepository,
    private readonly views: TicketViews,
    private readonly workflow: TicketWorkflowService,
    private readonly sla: SlaClockService,
    private readonly audit: AuditRepository,
    private readonly events: DomainEventBus,
    private readonly broadcast: TicketBroadcast,
    private readonly territory: TerritoryService,
    private readonly customers: CustomersRepository,
    private readonly customerService: CustomersService,
    private readonly outages: OutagesService,
    private readonly staff: StaffRepository,
  ) {}

  private get db() {
    return this.database.db;
  }

  /**
   * Creates an order, once per idempotency key and user: a repeated key returns the first order (`created: false`).
   * Concurrent requests with one key meet on the key's primary key inside the creating transaction.
   */
  async create(user: AuthUser, dto: CreateTicketDto, idempotencyKey?: string) {
    if (idempotencyKey !== undefined && (idempotencyKey.length === 0 || idempotencyKey.length > 200)) {
      throw new BadRequestException('Idempotency-Key must be 1–200 characters');
    }
    if (dto.subKind && dto.type !== 'service_request') {
      throw new BadRequestException('subKind applies to service_request orders only');
    }
    const customer = dto.customerId ? await this.customers.findById(dto.customerId) : undefined;
    if (dto.customerId && !customer) throw new NotFoundException(`no customer ${dto.customerId}`);
    const location: LatLng | null =
      dto.location ?? (customer ? { lat: customer.lat, lng: customer.lng } : null);
    if (!location && needsLocation(dto.type)) {
      throw new UnprocessableEntityException(
        'a fault repair order needs a location (or a customer with one)',
      );
    }
    const zone = location ? await this.territory.classify(location) : null;
    const master = location && dto.type === 'fault_repair' ? await this.outageMaster(location) : null;

    const now = new Date();
    const day = localDay(now, this.config.TZ);
    const draft = newTicketRow({
      id: randomUUID(),
      // Replaced by the day's next number when the order is written (see TicketsRepository.insertNew).
      number: formatTicketNumber(day, 0),
      type: dto.type,
      subKind: dto.subKind ?? null,
      status: 'accepted',
      priority: dto.priority ?? 'normal',
      description: dto.description,
      customerId: customer?.id ?? null,
      address: dto.address ?? customer?.address ?? null,
      lat: location?.lat ?? null,
      lng: location?.lng ?? null,
      zoneId: zone?.zoneId ?? null,
      zoneClass: zone?.zoneClass ?? null,
      district: zone?.district ?? null,
      firstResponderId: user.id,
      ownerId: user.id,
      parentId: master?.ticket.id ?? null,
      outageId: master?.outageId ?? null,
      requiredSkills: dto.requiredSkills ?? [],
      sensitive: customer?.tags.includes('sensitive') ?? false,
      createdAt: now,
      updatedAt: now,
    });
    // The clocks are computed first (the zone's emergencies are in memory), so the order, its clocks, timeline,
    // call link and audit go to the database in one statement.
    const clocks = await this.sla.initialClockRows(
      draft,
      now,
      master ? { kind: 'arrival', reason: `child of master order ${master.ticket.number}` } : undefined,
    );

    const outcome = await this.repo.insertNew({
      ticket: draft,
      day,
      clocks,
      events: [
        ...(master
          ? [
              {
                ticketId: master.ticket.id,
                actorId: user.id,
                kind: 'child_added',
                data: { childId: draft.id },
                withNumber: true,
                at: now,
              },
            ]
          : []),
        {
          ticketId: draft.id,
          actorId: user.id,
          kind: 'created',
          data: {
            type: draft.type,
            priority: draft.priority,
            ...(dto.callId ? { callId: dto.callId } : {}),
            ...(master ? { parentId: master.ticket.id, outageId: master.outageId } : {}),
          },
          withNumber: true,
          at: now,
        },
      ],
      audit: {
        actorId: user.id,
        action: 'ticket.create',
        entity: 'ticket',
        entityId: draft.id,
        after: { type: draft.type, status: draft.status, parentId: draft.parentId },
      },
      callLink: dto.callId ? { callId: dto.callId, outcome: 'new_ticket' } : undefined,
      idempotency: idempotencyKey ? { userId: user.id, key: idempotencyKey } : undefined,
    });
    if (outcome.kind === 'no_call') throw new NotFoundException(`no call ${dto.callId}`);
    if (outcome.kind === 'duplicate') return { created: false, ticket: await this.get(outcome.ticketId) };
    const { row } = outcome;
    const ticket: Ticket = {
      ...toTicket(row, toTicketSla(clocks, now)),
      customerName: customer?.name ?? null,
      customerPhone: customer?.phone ?? null,
    };
    this.broadcast.created(row, ticket);
    // Listeners (the dispatch planner) may move the new order on at once: it is read back only then.
    const event = { ticket: row, callId: dto.callId ?? null, actor: user, movedOn: false };
    await this.events.raiseCommitted('ticket.created', event);
    return { created: true, ticket: event.movedOn ? await this.get(row.id) : ticket };
  }

  /** The active outage covering the point whose master order is still open. */
  private async outageMaster(p: LatLng) {
    for (const o of await this.outages.covering(p)) {
      if (!o.ticketId) continue;
      const ticket = await this.repo.findById(this.db, o.ticketId);
      if (ticket && isOpenStatus(ticket.status as TicketStatus)) return { ticket, outageId: o.id };
    }
    return null;
  }

  /** A customer with their ten most recent orders. */
  async customerCard(customerId: string): Promise<CustomerWithOrders> {
    const customer = await this.customerService.get(customerId);
    const orders = await this.repo.recentForCustomer(this.db, customerId, 10);
    return { ...customer, recentOrders: await this.views.many(orders) };
  }

  async get(id: string): Promise<Ticket> {
    return this.views.one(await this.load(this.db, id));
  }

  /** An order by its id or by its number (a crew: only the orders it is or was sent to). */
  async find(user: AuthUser, ref: TicketRef): Promise<Ticket> {
    const row =
      'id' in ref
        ? await this.repo.findById(this.db, ref.id)
        : await this.repo.findByNumber(this.db, ref.number);
    if (!row) throw new NotFoundException(`no order ${'id' in ref ? ref.id : ref.number}`);
    await this.assertCrewMay(user, row);
    return this.views.one(row);
  }

  /**
   * Least privilege for crews: a crew reads the orders it is or was assigned, never others (a customer's name and
   * phone are on every order). The office reads every order.
   */
  private async assertCrewMay(user: AuthUser, row: TicketRow) {
    if (user.role !== 'crew') return;
    if (
      user.crewId &&
      (row.crewId === user.crewId || (await this.repo.wasAssigned(this.db, row.id, user.crewId)))
    )
      return;
    throw new ForbiddenException(`order ${row.number} was never assigned to your crew`);
  }

  private async load(db: DatabaseOrTransaction, id: string) {
    const row = await this.repo.findById(db, id);
    if (!row) throw new NotFoundException(`no order ${id}`);
    return row;
  }

  async list(user: AuthUser, q: ListTicketsQuery) {
    const me = (v?: string) => (v === 'me' ? user.id : v);
    const firstResponderId = me(q.firstResponderId);
    const ownerId = me(q.ownerId);
    for (const [field, v] of [
      ['firstResponderId', firstResponderId],
      ['ownerId', ownerId],
    ] as const) {
      if (v && !/^[0-9a-f-]{36}$/i.test(v)) throw new BadRequestException(`${field} must be a UUID or "me"`);
    }
    const team = q.team === 'mine' ? user.team : undefined;
    if (team === null)
      throw new UnprocessableEntityException('you are not in a team: an admin can assign one');
    const { items, total } = await this.repo.list(this.db, {
      ...q,
      firstResponderId,
      ownerId,
      team,
      // A crew sees its own orders only.
      crewId: user.role === 'crew' ? (user.crewId ?? '00000000-0000-0000-0000-000000000000') : q.crewId,
    });
    return { items: await this.views.many(items), total };
  }

  async timeline(user: AuthUser, id: string) {
    await this.assertCrewMay(user, await this.load(this.db, id));
    return (await this.repo.timeline(this.db, id)).map(toTimelineEntry);
  }

  async transition(user: AuthUser, id: string, dto: TransitionDto) {
    await inTransaction(this.db, (tx) =>
      this.workflow.transition(tx, id, dto.to, user, { note: dto.note, report: dto.report }),
    );
    return this.get(id);
  }

  /** 首问负责制: the owner changes, the first responder stays accountable; both are told. */
  async handoff(user: AuthUser, id: string, dto: HandoffDto) {
    await inTransaction(this.db, async (tx, afterCommit) => {
      const t = await this.lockOpen(tx, id);
      const receiver = await this.staff.findById(tx, dto.toUserId);
      if (!receiver || receiver.disabled) {
        throw new UnprocessableEntityException(`no active staff member ${dto.toUserId}`);
      }
      if (receiver.role === 'crew') {
        throw new UnprocessableEntityException('repair work goes to a crew through dispatch, not a hand-off');
      }
      if (receiver.id === t.ownerId)
        throw new ConflictException(`${receiver.displayName} already owns ${t.number}`);
      await this.repo.update(tx, id, { ownerId: receiver.id });
      const data = { fromUserId: t.ownerId, toUserId: receiver.id, reason: dto.reason };
      await this.repo.addEvent(tx, { ticketId: id, actorId: user.id, kind: 'handoff', data });
      await this.audit.record(tx, {
        actorId: user.id,
        action: 'ticket.handoff',
        entity: 'ticket',
        entityId: id,
        before: { ownerId: t.ownerId },
        after: { ownerId: receiver.id, reason: dto.reason },
      });
      await this.events.raise(tx, 'ticket.handed-off', {
        ticket: { ...t, ownerId: receiver.id },
        fromUserId: t.ownerId,
        to: { id: receiver.id, displayName: receiver.displayName },
        reason: dto.reason,
        actor: user,
      });
      this.broadcast.updated(afterCommit, id, 'handoff');
    });
    return this.get(id);
  }

  /** 催办: a follow-up call on an open order. */
  async urge(user: AuthUser, id: string, dto: UrgeDto) {
    await inTransaction(this.db, async (tx, afterCommit) => {
      const t = await this.repo.lock(tx, id);
      if (!t) throw new NotFoundException(`no order ${id}`);
      if (t.status === 'merged' && t.parentId) {
        throw new ConflictException(
          `order ${t.number} was merged into ${t.parentId}: follow up on that order`,
        );
      }
      if (FINAL_STATUSES.includes(t.status as TicketStatus)) {
        throw new ConflictException(`order ${t.number} is ${t.status}: open a new order instead`);
      }
      const count = t.urgeCount + 1;
      const urged = await this.repo.update(tx, id, { urgeCount: count });
      const data = {
        count,
        ...(dto.callId ? { callId: dto.callId } : {}),
        ...(dto.note ? { note: dto.note } : {}),
      };
      await this.repo.addEvent(tx, { ticketId: id, actorId: user.id, kind: 'urged', data });
      await this.audit.record(tx, {
        actorId: user.id,
        action: 'ticket.urge',
        entity: 'ticket',
        entityId: id,
        before: { urgeCount: t.urgeCount },
        after: { urgeCount: count, callId: dto.callId ?? null },
      });
      // The call is linked (calls) and the people concerned are told (notifications) by listeners.
      await this.events.raise(tx, 'ticket.urged', {
        ticket: urged,
        count,
        callId: dto.callId ?? null,
        note: dto.note ?? null,
        actor: user,
      });
      this.broadcast.updated(afterCommit, id, 'urged');
    });
    return this.get(id);
  }

  /** Merges an order into a master: status merged, parentId set (many calls, one order). */
  async merge(user: AuthUser, id: string, dto: MergeDto) {
    if (dto.parentId === id) throw new UnprocessableEntityException('an order cannot be merged into itself');
    await inTransaction(this.db, async (tx) => {
      const child = await this.repo.findById(tx, id);
      if (!child) throw new NotFoundException(`no order ${id}`);
      const parent = await this.repo.lock(tx, dto.parentId);
      if (!parent) throw new NotFoundException(`no order ${dto.parentId}`);
      if (FINAL_STATUSES.includes(parent.status as TicketStatus)) {
        throw new ConflictException(`master order ${parent.number} is ${parent.status}`);
      }
      if (familyOf(parent.type as TicketType) !== familyOf(child.type as TicketType)) {
        throw new UnprocessableEntityException(
          `a ${child.type} order cannot be merged into a ${parent.type} order`,
        );
      }
      await this.workflow.transition(tx, id, 'merged', user, {
        via: 'merge',
        data: {
          parentId: parent.id,
          masterNumber: parent.number,
          ...(parent.outageId ? { outageId: parent.outageId } : {}),
        },
      });
      await this.repo.addEvent(tx, {
        ticketId: parent.id,
        actorId: user.id,
        kind: 'child_merged',
        data: { childId: child.id, number: child.number },
      });
    });
    return this.get(id);
  }

  /**
   * When several fault orders come from one area in a short window (CLUSTER), proposes merging them under one
   * master: the one furthest along (dispatched first), else the oldest.
   */
  async mergeSuggestions(id: string): Promise<MergeSuggestion> {
    const t = await this.load(this.db, id);
    const none: MergeSuggestion = { suggested: false, masterId: null, tickets: [] };
    if (
      t.type !== 'fault_repair' ||
      t.lat === null ||
      t.lng === null ||
      !isOpenStatus(t.status as TicketStatus)
    ) {
      return none;
    }
    const here = { lat: t.lat, lng: t.lng };
    const dLat = CLUSTER.radiusKm / 111;
    const dLng = dLat / Math.cos((here.lat * Math.PI) / 180);
    const rows = await this.repo.recentOpenFaults(
      this.db,
      new Date(t.createdAt.getTime() - CLUSTER.windowMs),
      {
        minLat: here.lat - dLat,
        maxLat: here.lat + dLat,
        minLng: here.lng - dLng,
        maxLng: here.lng + dLng,
      },
    );
    const cluster = rows.filter(
      (r) =>
        r.lat !== null &&
        r.lng !== null &&
        Math.abs(r.createdAt.getTime() - t.createdAt.getTime()) <= CLUSTER.windowMs &&
        distanceKm(here, { lat: r.lat, lng: r.lng }) <= CLUSTER.radiusKm,
    );
    if (!cluster.some((r) => r.id === t.id)) cluster.push(t);
    if (cluster.length < CLUSTER.minOrders) return none;
    const master = pickMaster(cluster);
    return {
      suggested: true,
      masterId: master.id,
      tickets: await this.views.many(cluster.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())),
    };
  }

  private async lockOpen(db: DatabaseOrTransaction, id: string) {
    const t = await this.repo.lock(db, id);
    if (!t) throw new NotFoundException(`no order ${id}`);
    if (FINAL_STATUSES.includes(t.status as TicketStatus)) {
      throw new ConflictException(`order ${t.number} is ${t.status}`);
    }
    return t;
  }
}

function pickMaster(rows: TicketRow[]): TicketRow {
  return [...rows].sort((a, b) => {
    const da = a.dispatchedAt?.getTime() ?? Number.POSITIVE_INFINITY;
    const db = b.dispatchedAt?.getTime() ?? Number.POSITIVE_INFINITY;
    return da - db || a.createdAt.getTime() - b.createdAt.getTime();
  })[0]!;
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** yyyy-MM-dd of the instant in the configured time zone. */
export function localDay(at: Date, timeZone: string): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dayFormats.set(timeZone, format);
  }
  return format.format(at);
}
