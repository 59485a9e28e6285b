import { type RankedCandidate, rankCrews } from '@gd/domain';
import { Injectable, NotFoundException } from '@nestjs/common';
import type { Config } from '../config.js';
import { InjectConfig } from '../config.module.js';
import { CrewsRepository } from '../crews/crews.repository.js';
import type { DatabaseHandle, DatabaseOrTransaction } from '../db/client.js';
import { InjectDatabase } from '../db/database.module.js';
import { type TicketRow, TicketsRepository } from '../tickets/tickets.repository.js';
import type { CandidatesQuery } from './dispatch.dto.js';
import { DispatchRepository } from './dispatch.repository.js';
import { orderOf, toRankCrew } from './rank-inputs.js';
import { RoadEtaService } from './road-eta.js';

/** A candidate as the API shows it: the ranking plus the crew's code and name for the list. */
export type CandidateView = RankedCandidate & { code: string; name: string };

/** Crews ranked for an order: the pure `rankCrews`, refined by OSRM road times when configured. Read-only. */
@Injectable()
export class CandidatesService {
  constructor(
    @InjectDatabase() private readonly database: DatabaseHandle,
    @InjectConfig() private readonly config: Config,
    private readonly crews: CrewsRepository,
    private readonly repo: DispatchRepository,
    private readonly tickets: TicketsRepository,
    private readonly roadEta: RoadEtaService,
  ) {}

  /** GET /tickets/:id/candidates: crews for an order, best first. Crews already on the order are left out. */
  async candidates(ticketId: string, q: CandidatesQuery = {}): Promise<CandidateView[]> {
    const db = this.database.db;
    const ticket = await this.tickets.findById(db, ticketId);
    if (!ticket) throw new NotFoundException(`no order ${ticketId}`);
    const onIt = new Set((await this.crews.activeAssignmentsOf(db, ticketId)).map((a) => a.crewId));
    return this.rank(db, ticket, { ...q, exclude: onIt });
  }

  /** Crews for `ticket` as read in `db` (the assigning transaction, when it picks the best one). */
  async rank(
    db: DatabaseOrTransaction,
    ticket: TicketRow,
    q: CandidatesQuery & { exclude?: Set<string> },
  ): Promise<CandidateView[]> {
    const now = new Date();
    const dueAt = await this.repo.arrivalDueAt(db, ticket.id);
    const order = orderOf(ticket, dueAt);
    const rows = (await this.crews.list(db)).filter((r) => !q.exclude?.has(r.id));
    const byId = new Map(rows.map((r) => [r.id, r]));
    let ranked = rankCrews(order, rows.map(toRankCrew), {
      now,
      timeZone: this.config.TZ,
      limit: q.limit ?? 20,
      includeIneligible: q.includeIneligible === true,
      allowPreemption: q.allowPreemption === true,
    });
    if (this.roadEta.enabled) {
      ranked = (
        await this.roadEta.refine(
          order.location,
          ranked,
          (c) => {
            const r = byId.get(c.crewId)!;
            return c.source === 'gps'
              ? { lat: r.lastLat!, lng: r.lastLng! }
              : { lat: r.depotLat, lng: r.depotLng };
          },
          { setupMinutes: 5, dueAt, now },
        )
      ).candidates;
    }
    return ranked.map((c) => ({ ...c, code: byId.get(c.crewId)!.code, name: byId.get(c.crewId)!.name }));
  }
}
