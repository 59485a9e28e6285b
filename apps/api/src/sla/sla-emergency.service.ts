import type { SlaEmergency } from '@gd/domain';
import { applyEmergency, type Clock } from '@gd/sla';
import { BadRequestException, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { AuditRepository } from '../audit/audit.repository.js';
import type { AuthUser } from '../auth/auth-user.js';
import type { DatabaseHandle } from '../db/client.js';
import { InjectDatabase } from '../db/database.module.js';
import { inTransaction } from '../db/transaction.js';
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
  ) {}

  async list(): Promise<SlaEmergency[]> {
    return (await this.repo.list(this.database.db)).map(toEmergency);
  }

  async declare(user: AuthUser, dto: DeclareEmergencyDto): Promise<SlaEmergency> {
    const startsAt = new Date(dto.startsAt);
    const endsAt = new Date(dto.endsAt);
    if (!(endsAt > startsAt)) throw new BadRequestException(['endsAt must be after startsAt']);
    const zoneIds = [...new Set(dto.zoneIds)];
    const result = await inTransaction(this.database.db, async (tx, afterCommit) => {
      const known = await this.repo.knownZones(tx, zoneIds);
      const unknown = zoneIds.filter((z) => !known.has(z));
      if (unknown.length) throw new UnprocessableEntityException(`unknown zones: ${unknown.join(', ')}`);
      const row = await this.repo.insert(tx, { ...dto, zoneIds, startsAt, endsAt, declaredBy: user.id });
      const now = Date.now();
      const affected = await this.repo.clocksInWindow(tx, zoneIds, startsAt, endsAt);
      const touched = new Set<string>();
      let changedClocks = 0;
      for (const { clock: stored, ticket } of affected) {
        const before = stored.clock as unknown as Clock;
        let after: Clock;
        try {
          after = applyEmergency(before, { from: startsAt, to: endsAt, mode: dto.mode });
        } catch (err) {
          clockConflict(err);
        }
        if (after === before) continue;
        // A stopped clock keeps the crew that stopped it (the order may have another crew since).
        await this.clocks.save(
          tx,
          stored.stoppedAt ? { ...ticket, crewId: stored.crewId } : ticket,
          after,
          now,
        );
        touched.add(ticket.id);
        changedClocks++;
      }
      await this.clocks.addTimeline(
        tx,
        [...touched].map((ticketId) => ({
          ticketId,
          at: new Date(now),
          actorId: user.id,
          kind: 'sla.emergency',
          data: {
            emergencyId: row.id,
            mode: dto.mode,
            reason: dto.reason,
            startsAt: dto.startsAt,
            endsAt: dto.endsAt,
          },
        })),
      );
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
}
