import { bboxOf, type LatLng, type Outage, polygonContains } from '@gd/domain';
import {
  BadRequestException,
  ConflictException,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { AuditRepository } from '../audit/audit.repository.js';
import type { Actor } from '../common/actor.js';
import type { AuthUser } from '../common/auth-user.js';
import type { DatabaseHandle, Transaction } from '../db/client.js';
import { InjectDatabase } from '../db/database.module.js';
import { inTransaction } from '../db/transaction.js';
import { DomainEventBus } from '../events/event-bus.js';
import { toOutage } from './outage.mapper.js';
import type { CreateOutageDto, ListOutagesQuery } from './outages.dto.js';
import { OutagesRepository } from './outages.repository.js';

/**
 * Outages in force (planned and fault): published, found by place, restored. A fault outage may have a master
 * order; the orders module listens to `outage.published` (it links and checks the master, refusing a bad one
 * inside the same transaction) and `outage.restored` (the master and its children are restored with it).
 */
@Injectable()
export class OutagesService {
  constructor(
    @InjectDatabase() private readonly database: DatabaseHandle,
    private readonly repo: OutagesRepository,
    private readonly audit: AuditRepository,
    private readonly events: DomainEventBus,
  ) {}

  async create(user: AuthUser, dto: CreateOutageDto): Promise<Outage> {
    const startsAt = new Date(dto.startsAt);
    const endsAt = dto.endsAt ? new Date(dto.endsAt) : null;
    const estimatedRestoreAt = dto.estimatedRestoreAt ? new Date(dto.estimatedRestoreAt) : null;
    if (endsAt && endsAt <= startsAt) throw new BadRequestException('endsAt must be after startsAt');
    if (estimatedRestoreAt && estimatedRestoreAt < startsAt) {
      throw new BadRequestException('estimatedRestoreAt must not be before startsAt');
    }
    if (dto.ticketId && dto.kind !== 'fault') {
      throw new UnprocessableEntityException('only a fault outage has a master repair order');
    }
    const row = await inTransaction(this.database.db, async (tx) => {
      const outage = await this.repo.insert(tx, {
        kind: dto.kind,
        area: dto.area,
        ...bboxOf(dto.area),
        startsAt,
        endsAt,
        estimatedRestoreAt,
        description: dto.description,
        ticketId: dto.ticketId ?? null,
        createdBy: user.id,
      });
      await this.audit.record(tx, {
        actorId: user.id,
        action: 'outage.create',
        entity: 'outage',
        entityId: outage.id,
        after: toOutage(outage),
      });
      await this.events.raise(tx, 'outage.published', { outage, actor: user });
      return outage;
    });
    return toOutage(row);
  }

  async list(q: ListOutagesQuery): Promise<Outage[]> {
    if ((q.lat === undefined) !== (q.lng === undefined))
      throw new BadRequestException('lat and lng go together');
    const at = q.lat !== undefined && q.lng !== undefined ? { lat: q.lat, lng: q.lng } : undefined;
    return (await this.covering(at, q.active ?? false)).map(toOutage);
  }

  /** Outages whose polygon holds the point (all when no point); in force now when `active`. */
  async covering(at: LatLng | undefined, active = true) {
    const now = new Date();
    const rows = active
      ? await this.repo.activeAt(this.database.db, at, now)
      : await this.repo.list(this.database.db, { active, at, now });
    return at ? rows.filter((o) => polygonContains(o.area, at)) : rows;
  }

  /** Restores the outage by hand; its master order and the master's open children follow (orders module). */
  async restore(user: AuthUser, id: string): Promise<Outage> {
    await inTransaction(this.database.db, async (tx) => {
      const outage = await this.repo.lock(tx, id);
      if (!outage) throw new NotFoundException(`no outage ${id}`);
      if (outage.status === 'restored') throw new ConflictException('the outage is already restored');
      const restored = (await this.repo.markRestored(tx, id, new Date()))!;
      await this.audit.record(tx, {
        actorId: user.id,
        action: 'outage.restore',
        entity: 'outage',
        entityId: id,
        before: { status: outage.status },
        after: { status: 'restored' },
      });
      await this.events.raise(tx, 'outage.restored', {
        outage: restored,
        byMasterOrder: false,
        actor: user,
      });
    });
    return toOutage((await this.repo.findById(this.database.db, id))!);
  }

  /** The active outage whose master order this is, if any. */
  activeWithMaster(tx: Transaction, masterId: string) {
    return this.repo.activeWithMaster(tx, masterId);
  }

  /** Marks restored the active outage whose master order has been restored (no-op when there is none). */
  async restoreWithMaster(tx: Transaction, masterId: string, actor: Actor) {
    const outage = await this.repo.activeWithMaster(tx, masterId);
    if (!outage) return;
    const restored = await this.repo.markRestored(tx, outage.id, new Date());
    if (!restored) return;
    await this.events.raise(tx, 'outage.restored', { outage: restored, byMasterOrder: true, actor });
  }
}
