import { randomInt } from 'node:crypto';
import { bboxOf, type Customer, type Page, polygonContains } from '@gd/domain';
import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { AuditRepository } from '../audit/audit.repository.js';
import type { AuthUser } from '../common/auth-user.js';
import { isNumberQuery, normalizePhone } from '../common/phone.js';
import type { DatabaseHandle } from '../db/client.js';
import { InjectDatabase } from '../db/database.module.js';
import { inTransaction } from '../db/transaction.js';
import { TerritoryService } from '../territory/territory.service.js';
import type {
  CreateCustomerDto,
  CustomersInAreaDto,
  SearchCustomersQuery,
  UpdateCustomerDto,
} from './customers.dto.js';
import { toCustomer } from './customers.mapper.js';
import { CustomersRepository } from './customers.repository.js';

@Injectable()
export class CustomersService {
  constructor(
    @InjectDatabase() private readonly database: DatabaseHandle,
    private readonly repo: CustomersRepository,
    private readonly territory: TerritoryService,
    private readonly audit: AuditRepository,
  ) {}

  async search(q: SearchCustomersQuery): Promise<Page<Customer>> {
    const text = q.q.trim();
    const query = isNumberQuery(text)
      ? { digits: text.replace(/\D/g, ''), phone: normalizePhone(text) }
      : { text };
    const { items, total, totalCapped } = await this.repo.search(query, {
      limit: q.limit,
      offset: q.offset,
    });
    return { items: items.map(toCustomer), total, ...(totalCapped ? { totalCapped } : {}) };
  }

  /** How many customers an area covers (a planned outage before it is published): the box in SQL, the shape here. */
  async countInArea(dto: CustomersInAreaDto): Promise<{ customers: number }> {
    const places = await this.repo.placesInBox(bboxOf(dto.area));
    return { customers: places.filter((p) => polygonContains(dto.area, p)).length };
  }

  async get(id: string): Promise<Customer> {
    const row = await this.repo.findById(id);
    if (!row) throw new NotFoundException(`no customer ${id}`);
    return toCustomer(row);
  }

  /** Registers a caller on the spot: phone normalised to E.164, zone resolved from the location (422 outside). */
  async create(user: AuthUser, dto: CreateCustomerDto): Promise<Customer> {
    const zone = await this.territory.classify(dto.location);
    const row = await inTransaction(this.database.db, async (tx) => {
      const created = await this.repo.insert(tx, {
        accountNo:
          dto.accountNo ?? `9${String(Date.now()).slice(-7)}${String(randomInt(0, 1000)).padStart(3, '0')}`,
        name: dto.name,
        phone: normalizePhone(dto.phone)!,
        address: dto.address,
        lat: dto.location.lat,
        lng: dto.location.lng,
        zoneId: zone.zoneId,
        zoneClass: zone.zoneClass,
        district: zone.district,
        tags: dto.tags ?? [],
      });
      await this.audit.record(tx, {
        actorId: user.id,
        action: 'customer.create',
        entity: 'customer',
        entityId: created.id,
        after: toCustomer(created),
      });
      return created;
    });
    return toCustomer(row);
  }

  /**
   * Corrects a customer's phone, address or location, with the before and after in the audit trail. A new location
   * is classified first (422 outside the territory, nothing changed).
   */
  async update(user: AuthUser, id: string, dto: UpdateCustomerDto): Promise<Customer> {
    if (dto.phone === undefined && dto.address === undefined && dto.location === undefined) {
      throw new BadRequestException(['give at least one of phone, address, location']);
    }
    const zone = dto.location ? await this.territory.classify(dto.location) : null;
    const row = await inTransaction(this.database.db, async (tx) => {
      const before = await this.repo.lock(tx, id);
      if (!before) throw new NotFoundException(`no customer ${id}`);
      const after = await this.repo.update(tx, id, {
        ...(dto.phone !== undefined ? { phone: normalizePhone(dto.phone)! } : {}),
        ...(dto.address !== undefined ? { address: dto.address.trim() } : {}),
        ...(dto.location && zone
          ? {
              lat: dto.location.lat,
              lng: dto.location.lng,
              zoneId: zone.zoneId,
              zoneClass: zone.zoneClass,
              district: zone.district,
            }
          : {}),
      });
      await this.audit.record(tx, {
        actorId: user.id,
        action: 'customer.update',
        entity: 'customer',
        entityId: id,
        before: toCustomer(before),
        after: toCustomer(after),
      });
      return after;
    });
    return toCustomer(row);
  }
}
