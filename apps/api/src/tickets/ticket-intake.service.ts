import { randomUUID } from 'node:crypto';
import {
  formatTicketNumber,
  isOpenStatus,
  type LatLng,
  needsLocation,
  type Ticket,
  type TicketStatus,
} from '@gd/domain';
import {
  BadRequestException,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import type { AuthUser } from '../common/auth-user.js';
import type { Config } from '../config.js';
import { InjectConfig } from '../config.module.js';
import { CustomersRepository } from '../customers/customers.repository.js';
import type { DatabaseHandle } from '../db/client.js';
import { InjectDatabase } from '../db/database.module.js';
import { DomainEventBus } from '../events/event-bus.js';
import { OutagesService } from '../outages/outages.service.js';
import { SlaClockService, toTicketSla } from '../sla/sla-clock.service.js';
import { TerritoryService } from '../territory/territory.service.js';
import { toTicket } from './ticket.views.js';
import { TicketQueriesService } from './ticket-queries.service.js';
import type { CreateTicketDto } from './tickets.dto.js';
import { newTicketRow, TicketsRepository } from './tickets.repository.js';

/** Intake: a new order from a call, a public report or an integration, in one statement, with its clocks. */
@Injectable()
export class TicketIntakeService {
  constructor(
    @InjectDatabase() private readonly database: DatabaseHandle,
    @InjectConfig() private readonly config: Config,
    private readonly repo: TicketsRepository,
    private readonly queries: TicketQueriesService,
    private readonly sla: SlaClockService,
    private readonly events: DomainEventBus,
    private readonly territory: TerritoryService,
    private readonly customers: CustomersRepository,
    private readonly outages: OutagesService,
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
    if (outcome.kind === 'duplicate')
      return { created: false, ticket: await this.queries.get(outcome.ticketId) };
    const { row } = outcome;
    const ticket: Ticket = {
      ...toTicket(row, toTicketSla(clocks, now)),
      customerName: customer?.name ?? null,
      customerPhone: customer?.phone ?? null,
    };
    // Listeners react after commit: the sockets at once, the dispatch planner after this answer has gone.
    await this.events.raiseCommitted('ticket.created', {
      ticket: row,
      view: ticket,
      callId: dto.callId ?? null,
      actor: user,
    });
    return { created: true, ticket };
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
