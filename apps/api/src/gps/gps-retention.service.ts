import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import type { Config } from '../config.js';
import { CONFIG } from '../config.module.js';
import type { DatabaseHandle } from '../db/client.js';
import { InjectDatabase } from '../db/database.module.js';
import { GpsRepository } from './gps.repository.js';

/** Advisory-lock key of the trail prune (any constant no other job uses). */
export const GPS_PRUNE_LOCK = 955_980_005;
const HOUR_MS = 3_600_000;

/**
 * Deletes trail points older than GPS_RETENTION_DAYS, hourly. Every API node schedules it; a transaction-scoped
 * advisory lock (`pg_try_advisory_xact_lock`, released by the commit even on a pooled connection) lets exactly one
 * node run it at a time, the others skip. Not scheduled under NODE_ENV=test (tests call `prune` directly).
 */
@Injectable()
export class GpsRetentionService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('GPS retention');
  private timers: NodeJS.Timeout[] = [];

  constructor(
    @InjectDatabase() private readonly database: DatabaseHandle,
    @Inject(CONFIG) private readonly config: Config,
    private readonly gps: GpsRepository,
  ) {}

  onApplicationBootstrap() {
    if (this.config.NODE_ENV === 'test') return;
    const run = () =>
      void this.prune().catch((err: Error) => this.logger.error(`prune failed: ${err.message}`));
    this.timers.push(setTimeout(run, 60_000).unref(), setInterval(run, HOUR_MS).unref());
  }

  onModuleDestroy() {
    for (const t of this.timers) clearTimeout(t);
    this.timers = [];
  }

  /** Returns whether this node ran it (false: another holds the lock) and how many points went. */
  async prune(now = new Date()): Promise<{ ran: boolean; deleted: number }> {
    const cutoff = new Date(now.getTime() - this.config.GPS_RETENTION_DAYS * 24 * HOUR_MS);
    return this.database.db.transaction(async (tx) => {
      if (!(await this.gps.tryXactLock(tx, GPS_PRUNE_LOCK))) return { ran: false, deleted: 0 };
      const deleted = await this.gps.deleteOlderThan(tx, cutoff);
      if (deleted) this.logger.log(`deleted ${deleted} trail points recorded before ${cutoff.toISOString()}`);
      return { ran: true, deleted };
    });
  }
}
