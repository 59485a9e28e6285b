import { type PositionBatchResult, rooms, type TrailPoint } from '@gd/domain';
import {
  BadRequestException,
  ForbiddenException,
  Inject,
  Injectable,
  Logger,
  NotFoundException,
  Optional,
} from '@nestjs/common';
import type { AuthUser } from '../auth/auth-user.js';
import type { Config } from '../config.js';
import { CONFIG } from '../config.module.js';
import { CrewsRepository } from '../crews/crews.repository.js';
import { crewWatchRooms } from '../crews/crews.service.js';
import type { DatabaseHandle } from '../db/client.js';
import { InjectDatabase } from '../db/database.module.js';
import { inTransaction } from '../db/transaction.js';
import { RealtimeService } from '../realtime/realtime.service.js';
import { GpsRepository } from './gps.repository.js';
import { type CheckedPosition, checkPosition, MAX_BATCH } from './positions.js';

/** Called with a crew whose trail just grew (the geofence arrival check); failures are logged, never thrown. */
export const POSITION_LISTENER = Symbol('POSITION_LISTENER');
export interface PositionListener {
  positionsAccepted(crewId: string): Promise<void>;
}

const TRAIL_MAX_POINTS = 10_000;
const DAY_MS = 86_400_000;

/**
 * GPS ingestion. Every valid fix goes into the trail (duplicates skipped by the unique (crew, instant) index);
 * the live marker in the crew row moves only forward in recorded time, so a late batch from a phone that was
 * offline fills the trail without dragging the marker back. Accepted points that moved the marker are pushed to
 * dispatchers, supervisors and the crew's district.
 */
@Injectable()
export class GpsService {
  private readonly logger = new Logger('GPS');

  constructor(
    @InjectDatabase() private readonly database: DatabaseHandle,
    @Inject(CONFIG) private readonly config: Config,
    private readonly gps: GpsRepository,
    private readonly crews: CrewsRepository,
    private readonly realtime: RealtimeService,
    @Optional() @Inject(POSITION_LISTENER) private readonly listener?: PositionListener,
  ) {}

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
    const crew = await this.crews.findById(this.database.db, crewId);
    if (!crew) throw new NotFoundException(`no crew ${crewId}`);

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

    const accepted = await inTransaction(this.database.db, async (tx, afterCommit) => {
      const stored = new Set(
        (
          await this.gps.append(
            tx,
            crewId,
            valid.map((v) => v.p),
          )
        ).map((r) => r.recordedAt.getTime()),
      );
      const kept = valid.filter((v) => stored.has(v.p.recordedAt.getTime()));
      for (const v of valid)
        if (!stored.has(v.p.recordedAt.getTime())) rejected.push({ index: v.index, reason: 'duplicate' });
      const newest = kept.reduce<CheckedPosition | null>(
        (best, v) => (!best || v.p.recordedAt > best.recordedAt ? v.p : best),
        null,
      );
      if (newest) {
        const moved = await this.crews.advanceLivePosition(tx, crewId, newest);
        if (moved) {
          afterCommit(() =>
            this.realtime.emit(
              'crew.position',
              {
                id: crewId,
                crewId,
                lat: newest.lat,
                lng: newest.lng,
                at: newest.recordedAt.toISOString(),
                speedKmh: newest.speedKmh,
                heading: newest.heading,
              },
              [...crewWatchRooms(moved), rooms.crew(crewId)],
            ),
          );
        }
      }
      return kept.length;
    });

    if (accepted > 0 && this.listener) {
      await this.listener.positionsAccepted(crewId).catch((err: Error) => {
        this.logger.error(`arrival check for crew ${crewId} failed: ${err.message}`, err.stack);
      });
    }
    rejected.sort((a, b) => a.index - b.index);
    return { accepted, rejected };
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
