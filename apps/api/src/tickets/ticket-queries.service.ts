import { type CustomerWithOrders, type Ticket } from '@gd/domain';
import {
  BadRequestException,
  ForbiddenException,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import type { AuthUser } from '../common/auth-user.js';
import { CustomersService } from '../customers/customers.service.js';
import type { DatabaseHandle, DatabaseOrTransaction } from '../db/client.js';
import { InjectDatabase } from '../db/database.module.js';
import { TicketViews, toTimelineEntry } from './ticket.views.js';
import type { TicketRef } from './ticket-ref.pipe.js';
import type { ListTicketsQuery } from './tickets.dto.js';
import { type TicketRow, TicketsRepository } from './tickets.repository.js';

/** Reading orders: one (crews only their own), lists, a timeline, a customer's card. */
@Injectable()
export class TicketQueriesService {
  constructor(
    @InjectDatabase() private readonly database: DatabaseHandle,
    private readonly repo: TicketsRepository,
    private readonly views: TicketViews,
    private readonly customerService: CustomersService,
  ) {}

  private get db() {
    return this.database.db;
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

  async load(db: DatabaseOrTransaction, id: string) {
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
}
