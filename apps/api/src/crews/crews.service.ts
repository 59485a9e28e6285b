import { CREW_IDLE_STATUSES, type Crew } from '@gd/domain';
import {
  ConflictException,
  ForbiddenException,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { AuditRepository } from '../audit/audit.repository.js';
import type { AuthUser } from '../common/auth-user.js';
import type { DatabaseHandle, DatabaseOrTransaction } from '../db/client.js';
import { InjectDatabase } from '../db/database.module.js';
import { inTransaction } from '../db/transaction.js';
import { DomainEventBus } from '../events/event-bus.js';
import { toCrew } from './crew.view.js';
import type { CreateCrewDto, CrewStatusDto, UpdateCrewDto } from './crews.dto.js';
import { type CrewRow, CrewsRepository, type NewCrew } from './crews.repository.js';

@Injectable()
export class CrewsService {
  constructor(
    @InjectDatabase() private readonly database: DatabaseHandle,
    private readonly crews: CrewsRepository,
    private readonly audit: AuditRepository,
    private readonly events: DomainEventBus,
  ) {}

  async list(): Promise<Crew[]> {
    return (await this.crews.list(this.database.db)).map(toCrew);
  }

  async get(id: string): Promise<Crew> {
    return toCrew(await this.require(this.database.db, id));
  }

  /** One crew as the caller may see it: the office any crew, a crew member only their own (least privilege). */
  async getFor(user: AuthUser, id: string): Promise<Crew> {
    if (user.role === 'crew' && user.crewId !== id) {
      throw new ForbiddenException('a crew member sees only their own crew');
    }
    return this.get(id);
  }

  /** The signed-in crew member's crew and its current order (the phone view). */
  async mine(user: AuthUser): Promise<Crew> {
    if (!user.crewId) throw new NotFoundException('this account does not belong to a crew');
    return this.get(user.crewId);
  }

  async create(actor: AuthUser, dto: CreateCrewDto): Promise<Crew> {
    return inTransaction(this.database.db, async (tx) => {
      if (await this.crews.findByCode(tx, dto.code))
        throw new ConflictException(`crew code ${dto.code} is taken`);
      const row = await this.crews.insert(tx, {
        ...columns(dto),
        code: dto.code,
        status: 'off_duty',
      } as NewCrew);
      await this.audit.record(tx, {
        actorId: actor.id,
        action: 'crew.create',
        entity: 'crew',
        entityId: row.id,
        after: toCrew(row),
      });
      await this.events.raise(tx, 'crew.changed', { crew: row });
      return toCrew(row);
    });
  }

  async update(actor: AuthUser, id: string, dto: UpdateCrewDto): Promise<Crew> {
    return inTransaction(this.database.db, async (tx) => {
      const before = await this.crews.lock(tx, id);
      if (!before) throw new NotFoundException(`no crew ${id}`);
      if (dto.code && dto.code !== before.code && (await this.crews.findByCode(tx, dto.code))) {
        throw new ConflictException(`crew code ${dto.code} is taken`);
      }
      if (dto.skills && before.ticketId) {
        const dropped = before.skills.filter((s) => !dto.skills!.includes(s as never));
        if (dropped.length) {
          throw new ConflictException(
            `crew ${before.code} is on an order: change its skills once it is free (would drop ${dropped.join(', ')})`,
          );
        }
      }
      const after = await this.crews.update(tx, id, {
        ...columns(dto),
        ...(dto.code ? { code: dto.code } : {}),
      });
      await this.audit.record(tx, {
        actorId: actor.id,
        action: 'crew.update',
        entity: 'crew',
        entityId: id,
        before: toCrew(before),
        after: toCrew(after!),
      });
      await this.events.raise(tx, 'crew.changed', { crew: after! });
      return toCrew(after!);
    });
  }

  /**
   * Going on or off duty, by the crew itself or the office. The order decides the status of a crew that has one:
   * going off duty (or "available") while assigned is a 409.
   */
  async setStatus(actor: AuthUser, id: string, dto: CrewStatusDto): Promise<Crew> {
    if (actor.role === 'crew' && actor.crewId !== id) {
      throw new ForbiddenException('a crew member may change only their own crew');
    }
    return inTransaction(this.database.db, async (tx) => {
      const before = await this.crews.lock(tx, id);
      if (!before) throw new NotFoundException(`no crew ${id}`);
      if (before.status === dto.status) return toCrew(before);
      const assignment = await this.crews.activeAssignment(tx, id);
      if (before.ticketId || assignment) {
        throw new ConflictException(
          `crew ${before.code} is assigned to an order (${before.ticketId ?? assignment!.ticketId}): ` +
            `it cannot go ${dto.status === 'off_duty' ? 'off duty' : 'available'} until the order releases it`,
        );
      }
      if (!CREW_IDLE_STATUSES.includes(before.status)) {
        throw new UnprocessableEntityException(`crew ${before.code} is ${before.status}`);
      }
      const after = (await this.crews.update(tx, id, { status: dto.status }))!;
      await this.audit.record(tx, {
        actorId: actor.id,
        action: dto.status === 'off_duty' ? 'crew.off_duty' : 'crew.on_duty',
        entity: 'crew',
        entityId: id,
        before: { status: before.status },
        after: { status: after.status },
      });
      await this.events.raise(tx, 'crew.changed', { crew: after });
      // The planner listens: a crew on duty may take a waiting order at once; one going off receives nothing.
      if (after.status === 'off_duty') await this.events.raise(tx, 'crew.off-duty', { crewId: id });
      else if (after.status === 'available') await this.events.raise(tx, 'crew.on-duty', { crewId: id });
      return toCrew(after);
    });
  }

  async require(db: DatabaseOrTransaction, id: string): Promise<CrewRow> {
    const row = await this.crews.findById(db, id);
    if (!row) throw new NotFoundException(`no crew ${id}`);
    return row;
  }
}

function columns(dto: UpdateCrewDto): Partial<NewCrew> {
  const out: Partial<NewCrew> = {};
  if (dto.name !== undefined) out.name = dto.name;
  if (dto.skills !== undefined) out.skills = dto.skills;
  if (dto.vehicle !== undefined) out.vehicle = dto.vehicle;
  if (dto.district !== undefined) out.district = dto.district;
  if (dto.phone !== undefined) out.phone = dto.phone;
  if (dto.depot !== undefined) {
    out.depotLat = dto.depot.lat;
    out.depotLng = dto.depot.lng;
    out.depotName = dto.depot.name ?? null;
  }
  if (dto.shift !== undefined) {
    out.shiftStart = dto.shift ? dto.shift.start : null;
    out.shiftEnd = dto.shift ? dto.shift.end : null;
  }
  return out;
}
