import {
  bboxOf,
  isOpenStatus,
  type LatLng,
  type Outage,
  polygonContains,
  type TicketStatus,
} from '@gd/domain';
import {
  BadRequestException,
  ConflictException,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { AuditRepository } from '../audit/audit.repository.js';
import type { AuthUser } from '../auth/auth-user.js';
import type { DatabaseHandle } from '../db/client.js';
import { InjectDatabase } from '../db/database.module.js';
import { inTransaction } from '../db/transaction.js';
import { TicketWorkflowService } from '../tickets/ticket-workflow.service.js';
import { TicketsRepository } from '../tickets/tickets.repository.js';
import { toOutage } from './outage.mapper.js';
import type { CreateOutageDto, ListOutagesQuery } from './outages.dto.js';
import { OutagesRepository } from './outages.repository.js';

@Injectable()
export class OutagesService {
  constructor(
    @InjectDatabase() private readonly database: DatabaseHandle,
    private readonly repo: OutagesRepository,
    private readonly tickets: TicketsRepository,
    private readonly workflow: TicketWorkflowService,
    private readonly audit: AuditRepository,
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
    const row = await inTransaction(this.database.db, async (tx, afterCommit) => {
      let masterNumber: string | null = null;
      if (dto.ticketId) {
        const master = await this.tickets.lock(tx, dto.ticketId);
        if (!master) throw new NotFoundException(`no order ${dto.ticketId}`);
        if (master.type !== 'fault_repair') {
          throw new UnprocessableEntityException('the master of a fault outage must be a fault repair order');
        }
        if (!isOpenStatus(master.status as TicketStatus) || master.parentId) {
          throw new ConflictException(
            `order ${master.number} is ${master.parentId ? 'a child order' : master.status}`,
          );
        }
        if (await this.repo.activeWithMaster(tx, master.id)) {
          throw new ConflictException(`order ${master.number} is already the master of an active outage`);
        }
        masterNumber = master.number;
      }
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
      if (dto.ticketId) {
        await this.tickets.update(tx, dto.ticketId, { outageId: outage.id });
        await this.tickets.addEvent(tx, {
          ticketId: dto.ticketId,
          actorId: user.id,
          kind: 'outage_master',
          data: { outageId: outage.id, estimatedRestoreAt: dto.estimatedRestoreAt ?? null },
        });
        this.workflow.emitUpdated(afterCommit, dto.ticketId, 'outage_master');
      }
      await this.audit.record(tx, {
        actorId: user.id,
        action: 'outage.create',
        entity: 'outage',
        entityId: outage.id,
        after: { ...toOutage(outage), masterNumber },
      });
      this.workflow.emitOutage(afterCommit, outage);
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

  /** Restores the outage and, through the workflow, its master order and the master's open children. */
  async restore(user: AuthUser, id: string): Promise<Outage> {
    await inTransaction(this.database.db, async (tx, afterCommit) => {
      const outage = await this.repo.lock(tx, id);
      if (!outage) throw new NotFoundException(`no outage ${id}`);
      if (outage.status === 'restored') throw new ConflictException('the outage is already restored');
      const restored = await this.repo.markRestored(tx, id, new Date());
      await this.audit.record(tx, {
        actorId: user.id,
        action: 'outage.restore',
        entity: 'outage',
        entityId: id,
        before: { status: outage.status },
        after: { status: 'restored' },
      });
      this.workflow.emitOutage(afterCommit, restored!);
      if (!outage.ticketId) return;
      const master = await this.tickets.lock(tx, outage.ticketId);
      if (!master) return;
      const status = master.status as TicketStatus;
      if (isOpenStatus(status) && status !== 'restored') {
        await this.workflow.transition(tx, master.id, 'restored', user, {
          via: 'outage',
          note: `outage restored`,
          data: { outageId: id },
        });
      } else {
        await this.workflow.restoreChildren(tx, master);
      }
    });
    return toOutage((await this.repo.findById(this.database.db, id))!);
  }
}
