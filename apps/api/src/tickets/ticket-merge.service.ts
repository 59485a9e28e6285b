import {
  distanceKm,
  FINAL_STATUSES,
  familyOf,
  isOpenStatus,
  type Ticket,
  type TicketStatus,
  type TicketType,
} from '@gd/domain';
import {
  ConflictException,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import type { AuthUser } from '../common/auth-user.js';
import type { DatabaseHandle } from '../db/client.js';
import { InjectDatabase } from '../db/database.module.js';
import { inTransaction } from '../db/transaction.js';
import { TicketViews } from './ticket.views.js';
import { TicketQueriesService } from './ticket-queries.service.js';
import { TicketWorkflowService } from './ticket-workflow.service.js';
import type { MergeDto } from './tickets.dto.js';
import { type TicketRow, TicketsRepository } from './tickets.repository.js';

/** Merge suggestion: this many fault orders, within this window and radius. */
export const CLUSTER = { minOrders: 3, windowMs: 15 * 60_000, radiusKm: 1 };

export interface MergeSuggestion {
  suggested: boolean;
  masterId: string | null;
  tickets: Ticket[];
}

/** Many calls, one order: merging into a master, and proposing a master for a cluster of fault orders. */
@Injectable()
export class TicketMergeService {
  constructor(
    @InjectDatabase() private readonly database: DatabaseHandle,
    private readonly repo: TicketsRepository,
    private readonly queries: TicketQueriesService,
    private readonly views: TicketViews,
    private readonly workflow: TicketWorkflowService,
  ) {}

  private get db() {
    return this.database.db;
  }

  /** Merges an order into a master: status merged, parentId set (many calls, one order). */
  async merge(user: AuthUser, id: string, dto: MergeDto) {
    if (dto.parentId === id) throw new UnprocessableEntityException('an order cannot be merged into itself');
    await inTransaction(this.db, async (tx) => {
      const child = await this.repo.findById(tx, id);
      if (!child) throw new NotFoundException(`no order ${id}`);
      const parent = await this.repo.lock(tx, dto.parentId);
      if (!parent) throw new NotFoundException(`no order ${dto.parentId}`);
      if (FINAL_STATUSES.includes(parent.status as TicketStatus)) {
        throw new ConflictException(`master order ${parent.number} is ${parent.status}`);
      }
      if (familyOf(parent.type as TicketType) !== familyOf(child.type as TicketType)) {
        throw new UnprocessableEntityException(
          `a ${child.type} order cannot be merged into a ${parent.type} order`,
        );
      }
      await this.workflow.transition(tx, id, 'merged', user, {
        via: 'merge',
        data: {
          parentId: parent.id,
          masterNumber: parent.number,
          ...(parent.outageId ? { outageId: parent.outageId } : {}),
        },
      });
      await this.repo.addEvent(tx, {
        ticketId: parent.id,
        actorId: user.id,
        kind: 'child_merged',
        data: { childId: child.id, number: child.number },
      });
    });
    return this.queries.get(id);
  }

  /**
   * When several fault orders come from one area in a short window (CLUSTER), proposes merging them under one
   * master: the one furthest along (dispatched first), else the oldest.
   */
  async mergeSuggestions(id: string): Promise<MergeSuggestion> {
    const t = await this.queries.load(this.db, id);
    const none: MergeSuggestion = { suggested: false, masterId: null, tickets: [] };
    if (
      t.type !== 'fault_repair' ||
      t.lat === null ||
      t.lng === null ||
      !isOpenStatus(t.status as TicketStatus)
    ) {
      return none;
    }
    const here = { lat: t.lat, lng: t.lng };
    const dLat = CLUSTER.radiusKm / 111;
    const dLng = dLat / Math.cos((here.lat * Math.PI) / 180);
    const rows = await this.repo.recentOpenFaults(
      this.db,
      new Date(t.createdAt.getTime() - CLUSTER.windowMs),
      {
        minLat: here.lat - dLat,
        maxLat: here.lat + dLat,
        minLng: here.lng - dLng,
        maxLng: here.lng + dLng,
      },
    );
    const cluster = rows.filter(
      (r) =>
        r.lat !== null &&
        r.lng !== null &&
        Math.abs(r.createdAt.getTime() - t.createdAt.getTime()) <= CLUSTER.windowMs &&
        distanceKm(here, { lat: r.lat, lng: r.lng }) <= CLUSTER.radiusKm,
    );
    if (!cluster.some((r) => r.id === t.id)) cluster.push(t);
    if (cluster.length < CLUSTER.minOrders) return none;
    const master = pickMaster(cluster);
    return {
      suggested: true,
      masterId: master.id,
      tickets: await this.views.many(cluster.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())),
    };
  }
}

function pickMaster(rows: TicketRow[]): TicketRow {
  return [...rows].sort((a, b) => {
    const da = a.dispatchedAt?.getTime() ?? Number.POSITIVE_INFINITY;
    const db = b.dispatchedAt?.getTime() ?? Number.POSITIVE_INFINITY;
    return da - db || a.createdAt.getTime() - b.createdAt.getTime();
  })[0]!;
}
