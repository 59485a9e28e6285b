import type { PositionBatchResult, TrailPoint } from '@gd/domain';
import {
  BadRequestException,
  ForbiddenException,
  Inject,
  Injectable,
  Logger,
  NotFoundException,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import type { AuthUser } from '../common/auth-user.js';
import type { Config } from '../config.js';
import { CONFIG } from '../config.module.js';
import { CrewsRepository } from '../crews/crews.repository.js';
import type { DatabaseHandle } from '../db/client.js';
import { InjectDatabase } from '../db/database.module.js';
import { DomainEventBus } from '../events/event-bus.js';
import { RealtimeService } from '../realtime/realtime.service.js';
import { GpsRepository } from './gps.repository.js';
import { PositionFanout } from './position-fanout.js';
import { PositionWriter } from './position-writer.js';
import { type CheckedPosition, checkPosition, MAX_BATCH } from './positions.js';

const TRAIL_MAX_POINTS = 10_000;
const DAY_MS = 86_400_000;
/** A crew's cached rooms and marker time are re-read after this long without a flush that touched it. */
const LIVE_TTL_MS = 30_000;
/** Crews whose markers are read at start-up (all of them in any real utility). */
const WARM_CREWS = 10_000;

/** What this process knows of a crew's live marker: a pre-filter for pushing, the database decides. */
interface LiveCrew {
  district: string | null;
  /** Newest recorded instant known here: the database's marker or a newer fix already pushed. */
  lastAtMs: number;
  refreshedAt: number;
}

/**
 * GPS ingestion. Every valid fix goes into the trail (duplicates skipped by the unique (crew, instant) index);
 * the live marker in the crew row moves only forward in recorded time, so a late batch from a phone that was
 * offline fills the trail without dragging the marker back.
 *
 * Fixes are checked synchronously, then written in micro-batches by the PositionWriter (one transaction per flush
 * for every crew); a request is answered once the flush holding its fixes has committed. The newest fix of a
 * request is pushed to dispatchers, supervisors and the crew's district at once, before the write, when it is
 * newer than what this process knows of the crew's marker (a per-process cache refreshed from the locked crew row
 * at every flush; the conditional update in the database still decides the stored marker). With several nodes, a
 * node that has not yet seen another's newer fix may push an older one; the stored marker is never wrong.
 */
@Injectable()
export class GpsService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('GPS');
  private readonly writer: PositionWriter;
  private readonly fanout: PositionFanout;
  private readonly live = new Map<string, LiveCrew>();
  private readonly loading = new Map<string, Promise<LiveCrew>>();
  /** Geofence checks per crew: the one running and at most one queued behind it (which serves every waiter). */
  private readonly arrivalChecks = new Map<
    string,
    { current: Promise<void>; queued: Promise<void> | null }
  >();

  constructor(
    @InjectDatabase() private readonly database: DatabaseHandle,
    @Inject(CONFIG) private readonly config: Config,
    private readonly gps: GpsRepository,
    private readonly crews: CrewsRepository,
    realtime: RealtimeService,
    private readonly events: DomainEventBus,
  ) {
    this.writer = new PositionWriter(database, gps);
    this.fanout = new PositionFanout(realtime);
  }

  /** Knows every crew's marker from the start, so the first fixes after a restart need no read each. */
  async onApplicationBootstrap() {
    try {
      for (const row of await this.gps.liveRows(this.database.db, WARM_CREWS)) this.refresh(row.id, row);
    } catch (err) {
      this.logger.warn(`could not preload the crews' markers: ${(err as Error).message}`);
    }
  }

  async onModuleDestroy() {
    this.fanout.flush();
    await this.writer.drain();
    await Promise.all([...this.arrivalChecks.values()].map((c) => c.queued ?? c.current));
  }

  /**
   * A crew member posts for their own crew only; an admin may post for any crew (replaying a device log,
   * demonstrations). Other office roles watch positions but never write them: a dispatcher moving a marker by
   * hand would make arrival evidence worthless.
   */
  async ingest(
    actor: AuthUser,
    crewId: string,
    body: unknown,
    now = new Date(),
  ): Promise<PositionBatchResult> {
    if (!(actor.role === 'crew' && actor.crewId === crewId) && actor.role !== 'admin') {
      throw new ForbiddenException('positions may be posted only by a member of that crew');
    }
    if (!Array.isArray(body))
      throw new BadRequestException('body must be an array of positions, oldest first');
    if (body.length > MAX_BATCH) throw new BadRequestException(`at most ${MAX_BATCH} positions per request`);
    const crew = await this.liveCrew(crewId);

    const rejected: PositionBatchResult['rejected'] = [];
    const valid: { index: number; p: CheckedPosition }[] = [];
    const seen = new Set<number>();
    for (const [index, raw] of body.entries()) {
      const checked = checkPosition(raw, { now, retentionDays: this.config.GPS_RETENTION_DAYS });
      if ('reason' in checked) {
        rejected.push({ index, reason: checked.reason });
        continue;
      }
      const t = checked.recordedAt.getTime();
      if (seen.has(t)) {
        rejected.push({ index, reason: 'duplicate' });
        continue;
      }
      seen.add(t);
      valid.push({ index, p: checked });
    }
    if (valid.length === 0) return { accepted: 0, rejected };

    const newest = valid.reduce((best, v) => (v.p.recordedAt > best.recordedAt ? v.p : best), valid[0]!.p);
    if (newest.recordedAt.getTime() > crew.lastAtMs) {
      crew.lastAtMs = newest.recordedAt.getTime();
      this.push(crewId, crew.district, newest);
    }

    const outcome = await this.writer.write(
      crewId,
      valid.map((v) => v.p),
    );
    if (!outcome.crew) {
      this.live.delete(crewId);
      throw new NotFoundException(`no crew ${crewId}`);
    }
    this.refresh(crewId, outcome.crew);
    let accepted = 0;
    valid.forEach((v, i) => {
      if (outcome.stored[i]) accepted++;
      else rejected.push({ index: v.index, reason: 'duplicate' });
    });

    // `position.stored` (the geofence arrival check listens), for a crew on an order only.
    if (accepted > 0 && outcome.crew.ticketId) await this.positionStored(crewId, newest);
    rejected.sort((a, b) => a.index - b.index);
    return { accepted, rejected };
  }

  private push(crewId: string, district: string | null, p: CheckedPosition) {
    this.fanout.push(district, {
      id: crewId,
      crewId,
      lat: p.lat,
      lng: p.lng,
      at: p.recordedAt.toISOString(),
      speedKmh: p.speedKmh,
      heading: p.heading,
    });
  }

  /**
   * The crew as this process knows it, read from the database when unknown or not refreshed for a while. One read
   * per crew at a time: the fixes that arrive meanwhile wait for it and carry on in their order of arrival (a read
   * per fix would let a later fix overtake an earlier one, which would then not be pushed).
   */
  private liveCrew(crewId: string): LiveCrew | Promise<LiveCrew> {
    const known = this.live.get(crewId);
    if (known && Date.now() - known.refreshedAt < LIVE_TTL_MS) return known;
    let loading = this.loading.get(crewId);
    if (!loading) {
      loading = this.crews
        .findById(this.database.db, crewId)
        .then((row) => {
          if (!row) {
            this.live.delete(crewId);
            throw new NotFoundException(`no crew ${crewId}`);
          }
          return this.refresh(crewId, row);
        })
        .finally(() => this.loading.delete(crewId));
      this.loading.set(crewId, loading);
    }
    return loading;
  }

  private refresh(crewId: string, row: { district: string | null; lastAt: Date | null }): LiveCrew {
    const known = this.live.get(crewId);
    const lastAtMs = Math.max(known?.lastAtMs ?? Number.NEGATIVE_INFINITY, row.lastAt?.getTime() ?? 0);
    if (known) {
      known.district = row.district;
      known.lastAtMs = lastAtMs;
      known.refreshedAt = Date.now();
      return known;
    }
    const fresh = { district: row.district, lastAtMs, refreshedAt: Date.now() };
    this.live.set(crewId, fresh);
    return fresh;
  }

  /**
   * Raises `position.stored` for the crew once its fixes are stored. Checks of one crew never overlap: a caller arriving
   * while one runs waits for the next, which sees its fixes and those of everyone else who waited with it.
   */
  private positionStored(crewId: string, newest: CheckedPosition): Promise<void> {
    const state = this.arrivalChecks.get(crewId);
    if (state?.queued) return state.queued;
    const run: Promise<void> = (state?.current ?? Promise.resolve()).then(async () => {
      const entry = this.arrivalChecks.get(crewId)!;
      entry.current = run;
      entry.queued = null;
      try {
        await this.events.raiseCommitted('position.stored', {
          crewId,
          lat: newest.lat,
          lng: newest.lng,
          recordedAt: newest.recordedAt,
        });
      } catch (err) {
        this.logger.error(
          `arrival check for crew ${crewId} failed: ${(err as Error).message}`,
          (err as Error).stack,
        );
      } finally {
        if (entry.current === run && !entry.queued) this.arrivalChecks.delete(crewId);
      }
    });
    if (state) state.queued = run;
    else this.arrivalChecks.set(crewId, { current: run, queued: null });
    return run;
  }

  /** The trail between two instants, oldest first (crew members see only their own crew's). */
  async trail(actor: AuthUser, crewId: string, q: { from?: string; to?: string }): Promise<TrailPoint[]> {
    if (actor.role === 'crew' && actor.crewId !== crewId) {
      throw new ForbiddenException('a crew member sees only their own crew’s trail');
    }
    const to = q.to ? new Date(q.to) : new Date();
    const from = q.from ? new Date(q.from) : new Date(to.getTime() - DAY_MS);
    if (from > to) throw new BadRequestException('from must not be after to');
    const crew = await this.crews.findById(this.database.db, crewId);
    if (!crew) throw new NotFoundException(`no crew ${crewId}`);
    const rows = await this.gps.trail(this.database.db, crewId, from, to, TRAIL_MAX_POINTS);
    return rows.map((r) => ({
      lat: r.lat,
      lng: r.lng,
      at: r.recordedAt.toISOString(),
      speedKmh: r.speedKmh,
      heading: r.heading,
      accuracyM: r.accuracyM,
    }));
  }
}
