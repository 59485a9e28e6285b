import { randomUUID } from 'node:crypto';
import type { Call, PopOrder, ScreenPop, Ticket } from '@gd/domain';
import { BadRequestException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { AuditRepository } from '../audit/audit.repository.js';
import type { AuthUser } from '../common/auth-user.js';
import { normalizePhone } from '../common/phone.js';
import { toCustomer } from '../customers/customers.mapper.js';
import { CustomersRepository } from '../customers/customers.repository.js';
import type { DatabaseHandle } from '../db/client.js';
import { InjectDatabase } from '../db/database.module.js';
import { inTransaction } from '../db/transaction.js';
import { toOutage } from '../outages/outage.mapper.js';
import { OutagesService } from '../outages/outages.service.js';
import { TicketViews } from '../tickets/ticket.views.js';
import { TicketsRepository } from '../tickets/tickets.repository.js';
import type { CreateCallDto, UpdateCallDto } from './calls.dto.js';
import { toCall } from './calls.mapper.js';
import { type CallRow, CallsRepository } from './calls.repository.js';

@Injectable()
export class CallsService {
  constructor(
    @InjectDatabase() private readonly database: DatabaseHandle,
    private readonly repo: CallsRepository,
    private readonly customers: CustomersRepository,
    private readonly tickets: TicketsRepository,
    private readonly views: TicketViews,
    private readonly outages: OutagesService,
    private readonly audit: AuditRepository,
  ) {}

  /** Logs the call and answers the screen pop: who calls, their open orders, outages over their address. */
  async create(user: AuthUser, dto: CreateCallDto): Promise<ScreenPop> {
    const phone = normalizePhone(dto.phone)!;
    const row: CallRow = {
      id: randomUUID(),
      agentId: user.id,
      phone,
      channel: dto.channel,
      customerId: null,
      notes: dto.notes ?? null,
      outcome: null,
      ticketId: null,
      startedAt: new Date(),
      endedAt: null,
    };
    const { call, customer, open } = dto.customerId
      ? await this.openForCustomer(user, row, dto.customerId)
      : await this.openByPhone(row);
    const [openTickets, outages] = await Promise.all([
      this.views.withClocks(open, customer ? [customer] : []),
      customer ? this.outages.covering({ lat: customer.lat, lng: customer.lng }) : Promise.resolve([]),
    ]);
    return {
      ...toCall(call),
      openTickets: await this.withCrews(openTickets),
      knownOutages: outages.map(toOutage),
      customer: customer ? toCustomer(customer) : null,
    };
  }

  /** The common call: the caller found by their number, the call logged and their open orders read, one statement. */
  private async openByPhone(row: CallRow) {
    const { customer, open } = await this.repo.openByPhoneAudited(row);
    return { call: { ...row, customerId: customer?.id ?? null }, customer, open };
  }

  /** The agent already knows the customer: checked first (404), then the call and their open orders together. */
  private async openForCustomer(user: AuthUser, row: CallRow, customerId: string) {
    const customer = await this.customers.findById(customerId);
    if (!customer) throw new NotFoundException(`no customer ${customerId}`);
    const known = { ...row, customerId: customer.id };
    const [call, open] = await Promise.all([
      this.repo.insertAudited(known, {
        actorId: user.id,
        action: 'call.create',
        entity: 'call',
        entityId: row.id,
        after: { channel: row.channel, customerId: customer.id },
      }),
      this.tickets.openForCaller(customer.id, row.phone),
    ]);
    return { call, customer, open };
  }

  /**
   * The crew on each open order (its ETA or arrival) and when power should be back: what a caller asks first.
   * Two small reads, made only when an order has a crew or an outage.
   */
  private async withCrews(orders: Ticket[]): Promise<PopOrder[]> {
    const db = this.database.db;
    const staffed = orders.filter((o) => o.crewId).map((o) => o.id);
    const outageIds = [...new Set(orders.flatMap((o) => (o.outageId ? [o.outageId] : [])))];
    const [crewRows, outageRows] = await Promise.all([
      staffed.length ? this.repo.activeCrews(db, staffed) : Promise.resolve([]),
      outageIds.length ? this.repo.outageEstimates(db, outageIds) : Promise.resolve([]),
    ]);
    const crewOf = new Map(crewRows.map((c) => [c.ticketId, c]));
    const estimateOf = new Map(outageRows.map((o) => [o.id, o.estimatedRestoreAt]));
    return orders.map((o) => {
      const c = crewOf.get(o.id);
      const outageEstimate = o.outageId ? estimateOf.get(o.outageId) : null;
      return {
        ...o,
        crew: c
          ? {
              id: c.crewId,
              name: c.name,
              etaAt:
                c.etaMinutes !== null
                  ? new Date(c.assignedAt.getTime() + c.etaMinutes * 60_000).toISOString()
                  : null,
              arrivedAt: c.arrivedAt?.toISOString() ?? o.arrivedAt,
            }
          : null,
        estimatedRestoreAt: outageEstimate?.toISOString() ?? o.sla.restoration?.dueAt ?? null,
      };
    });
  }

  async get(id: string): Promise<Call> {
    const row = await this.repo.findById(this.database.db, id);
    if (!row) throw new NotFoundException(`no call ${id}`);
    return toCall(row);
  }

  /** Outcome, linked order, notes, end: only the call's agent (or a supervisor) may change a call. */
  async update(user: AuthUser, id: string, dto: UpdateCallDto): Promise<Call> {
    if (Object.values(dto).every((v) => v === undefined))
      throw new BadRequestException('nothing to change: give outcome, ticketId, notes or ended');
    const row = await inTransaction(this.database.db, async (tx) => {
      const before = await this.repo.lock(tx, id);
      if (!before) throw new NotFoundException(`no call ${id}`);
      if (before.agentId !== user.id && user.role !== 'supervisor' && user.role !== 'admin') {
        throw new ForbiddenException('only the agent who took the call or a supervisor may change it');
      }
      if (dto.ticketId && !(await this.tickets.findById(tx, dto.ticketId))) {
        throw new NotFoundException(`no order ${dto.ticketId}`);
      }
      const after = await this.repo.update(tx, id, {
        ...(dto.outcome !== undefined ? { outcome: dto.outcome } : {}),
        ...(dto.ticketId !== undefined ? { ticketId: dto.ticketId } : {}),
        ...(dto.notes !== undefined ? { notes: dto.notes } : {}),
        ...(dto.ended && !before.endedAt ? { endedAt: new Date() } : {}),
      });
      await this.audit.record(tx, {
        actorId: user.id,
        action: 'call.update',
        entity: 'call',
        entityId: id,
        before: toCall(before),
        after: toCall(after),
      });
      return after;
    });
    return toCall(row);
  }
}
