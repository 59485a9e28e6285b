import { MAX_EMERGENCY_DAYS, type SlaEmergency } from '@gd/domain';
import { applyEmergency, type Clock, endEmergency } from '@gd/sla';
import {
  BadRequestException,
  ConflictException,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { AuditRepository } from '../audit/audit.repository.js';
import type { AuthUser } from '../common/auth-user.js';
import type { DatabaseHandle, Transaction } from '../db/client.js';
import { InjectDatabase } from '../db/database.module.js';
import { inTransaction } from '../db/transaction.js';
import { DomainEventBus } from '../events/event-bus.js';
import { clockConflict } from './clock-conflict.js';
import { EmergenciesRepository, type EmergencyRow } from './emergencies.repository.js';
import type { DeclareEmergencyDto } from './sla.dto.js';
import { SlaClockService } from './sla-clock.service.js';
import { SlaClocksRepository } from './sla-clocks.repository.js';
import { SlaEscalationService } from './sla-escalation.service.js';

export const toEmergency = (r: EmergencyRow): SlaEmergency => ({
  id: r.id,
  zoneIds: r.zoneIds,
  startsAt: r.startsAt.toISOString(),
  endsAt: r.endsAt.toISOString(),
  mode: r.mode,
  reason: r.reason,
  declaredBy: r.declaredBy,
  createdAt: r.createdAt.toISOString(),
});

/** The longest window a declaration may have (in @gd/domain, so the console checks the same bound). */
export { MAX_EMERGENCY_DAYS };

/**
 * Area-wide emergencies (typhoon, blocked roads): every clock of the orders in the zones is paused for the
 * window (or exempt), after the fact as well as ahead; clocks that start later inside a declared window get it
 * when they start (SlaClockService.startClocks). `rawDueAt` never moves, so reports keep the raw figures.
 */
@Injectable()
export class SlaEmergencyService {
  constructor(
    @InjectDatabase() private readonly database: DatabaseHandle,
    private readonly repo: EmergenciesRepository,
    private readonly clocks: SlaClocksRepository,
    private readonly audit: AuditRepository,
    private readonly escalation: SlaEscalationService,
    private readonly slaClocks: SlaClockService,
    private readonly events: DomainEventBus,
  ) {}

  async list(): Promise<SlaEmergency[]> {
    return (await this.repo.list(this.database.db)).map(toEmergency);
  }

  async declare(user: AuthUser, dto: DeclareEmergencyDto): Promise<SlaEmergency> {
    const startsAt = new Date(dto.startsAt);
    const endsAt = new Date(dto.endsAt);
    if (!(endsAt > startsAt)) throw new BadRequestException(['endsAt must be after startsAt']);
    // Bounded: an open-ended window (endsAt 9999-12-31) would pause every new order of the zones for ever.
    if (endsAt.getTime() - startsAt.getTime() > MAX_EMERGENCY_DAYS * 86_400_000) {
      throw new BadRequestException([
        `an emergency lasts at most ${MAX_EMERGENCY_DAYS} days (endsAt within ${MAX_EMERGENCY_DAYS} days of startsAt); end it early with POST /api/sla/emergencies/:id/end`,
      ]);
    }
    const zoneIds = [...new Set(dto.zoneIds)];
    const result = await inTransaction(this.database.db, async (tx, afterCommit) => {
      const known = await this.repo.knownZones(tx, zoneIds);
      const unknown = zoneIds.filter((z) => !known.has(z));
      if (unknown.length) throw new UnprocessableEntityException(`unknown zones: ${unknown.join(', ')}`);
      const row = await this.repo.insert(tx, { ...dto, zoneIds, startsAt, endsAt, declaredBy: user.id });
      const now = Date.now();
      const { touched, changedClocks } = await this.rewriteClocks(
        tx,
        zoneIds,
        startsAt,
        endsAt,
        now,
        (clock) => {
          try {
            return applyEmergency(clock, { from: startsAt, to: endsAt, mode: dto.mode });
          } catch (err) {
            clockConflict(err);
          }
        },
      );
      await this.events.raise(tx, 'sla.emergency-applied', {
        ticketIds: [...touched],
        at: new Date(now),
        actorId: user.id,
        data: {
          emergencyId: row.id,
          mode: dto.mode,
          reason: dto.reason,
          startsAt: dto.startsAt,
          endsAt: dto.endsAt,
        },
      });
      await this.audit.record(tx, {
        actorId: user.id,
        action: 'sla.emergency',
        entity: 'emergency',
        entityId: row.id,
        after: { ...toEmergency(row), orders: touched.size, clocks: changedClocks },
      });
      afterCommit(() => this.escalation.poke());
      return { ...toEmergency(row), affectedClocks: changedClocks };
    });
    this.slaClocks.emergenciesChanged();
    return result;
  }
  /**
   * Ends an emergency now (or, declared ahead, before it begins): the window becomes [startsAt, now]; every clock
   * it touched gets back the rest of the window (`endEmergency`), with a timeline entry and an audit row.
   */
  async end(user: AuthUser, id: string, reason: string): Promise<SlaEmergency> {
    const result = await inTransaction(this.database.db, async (tx, afterCommit) => {
      const row = await this.repo.lock(tx, id);
      if (!row) throw new NotFoundException(`no emergency ${id}`);
      const now = Date.now();
      if (row.endsAt.getTime() <= now) throw new ConflictException(`emergency ${id} is already over`);
      const endAt = new Date(Math.max(now, row.startsAt.getTime()));
      const window = { from: row.startsAt, to: row.endsAt, mode: row.mode };
      const { touched, changedClocks } = await this.rewriteClocks(
        tx,
        row.zoneIds,
        row.startsAt,
        row.endsAt,
        now,
        (clock) => endEmergency(clock, window, endAt),
      );
      const ended = await this.repo.setEnd(tx, id, endAt);
      await this.events.raise(tx, 'sla.emergency-applied', {
        ticketIds: [...touched],
        at: new Date(now),
        actorId: user.id,
        data: { emergencyId: id, ended: true, reason, endsAt: endAt.toISOString() },
      });
      await this.audit.record(tx, {
        actorId: user.id,
        action: 'sla.emergency_end',
        entity: 'emergency',
        entityId: id,
        before: toEmergency(row),
        after: { ...toEmergency(ended), endReason: reason, orders: touched.size, clocks: changedClocks },
      });
      afterCommit(() => this.escalation.poke());
      return { ...toEmergency(ended), affectedClocks: changedClocks };
    });
    this.slaClocks.emergenciesChanged();
    return result;
  }

  /**
   * Rewrites every clock of the zones' orders that the window touches with `change`; a clock `change` returns as it
   * was is left alone. A stopped clock keeps the crew that stopped it (the order may have another crew since).
   */
  private async rewriteClocks(
    tx: Transaction,
    zoneIds: string[],
    from: Date,
    to: Date,
    now: number,
    change: (clock: Clock) => Clock,
  ) {
    const touched = new Set<string>();
    let changedClocks = 0;
    for (const { clock: stored, ticket } of await this.repo.clocksInWindow(tx, zoneIds, from, to)) {
      const before = stored.clock as unknown as Clock;
      const after = change(before);
      if (after === before) continue;
      await this.clocks.save(
        tx,
        stored.stoppedAt ? { ...ticket, crewId: stored.crewId } : ticket,
        after,
        now,
      );
      touched.add(ticket.id);
      changedClocks++;
    }
    return { touched, changedClocks };
  }
}
