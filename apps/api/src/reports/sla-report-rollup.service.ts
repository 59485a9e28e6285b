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
import { SlaReportRepository, utcDay } from './sla-report.repository.js';

const DAY = 86_400_000;
/** A day is rolled up once it ended this long ago (the trigger of migration 0023 watches orders older than a day). */
const SETTLE_MS = 2 * DAY;
/** Days rolled up per run, newest first: a year of history is caught up in a dozen runs. */
const DAYS_PER_RUN = 31;
/** How far back the roll-up goes: the longest range a report may ask for. */
const HORIZON_DAYS = 366;

/**
 * The SLA report's daily roll-up (issue 22: every report over a month of a million orders under 500 ms): each UTC
 * day that ended two days ago or more is summed once into `sla_report_days`, so a 30-day report reads about 30 ×
 * groups rows plus the clocks of its last days, instead of every clock of the month. Every node runs it every
 * SLA_REPORT_ROLLUP_SECONDS; a day is built under its advisory lock, so two nodes never build it twice. A clock that
 * changes afterwards (a reopened order, a late stop, a bulk load) makes its trigger forget the day, which is read
 * clock by clock again until the next run rolls it up anew. Not scheduled under NODE_ENV=test (tests call rollUp).
 */
@Injectable()
export class SlaReportRollupService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('SLA report roll-up');
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(
    @InjectDatabase() private readonly database: DatabaseHandle,
    @Inject(CONFIG) private readonly config: Config,
    private readonly repo: SlaReportRepository,
  ) {}

  onApplicationBootstrap() {
    const seconds = this.config.SLA_REPORT_ROLLUP_SECONDS;
    if (this.config.NODE_ENV === 'test' || seconds === 0) return;
    this.timer = setInterval(() => void this.runOnce(), seconds * 1000).unref();
  }

  onModuleDestroy() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async runOnce() {
    if (this.running) return;
    this.running = true;
    try {
      const { built } = await this.rollUp();
      if (built.length) this.logger.log(`rolled up ${built.length} days (${built.at(-1)} to ${built[0]})`);
    } catch (err) {
      this.logger.error(`roll-up failed: ${(err as Error).message}`);
    } finally {
      this.running = false;
    }
  }

  /**
   * Rolls up the settled days not rolled up yet, newest first, at most `maxDays`, each in a transaction of its
   * own. Returns the days built and those left live because a clock of theirs is still open to change.
   */
  async rollUp(now = new Date(), maxDays = DAYS_PER_RUN): Promise<{ built: string[]; unsettled: string[] }> {
    const db = this.database.db;
    const built: string[] = [];
    const unsettled: string[] = [];
    const oldest = await this.repo.oldestClock(db);
    if (!oldest) return { built, unsettled };
    const last = Math.floor((now.getTime() - SETTLE_MS) / DAY) - 1;
    const first = Math.max(Math.floor(oldest.getTime() / DAY), last - HORIZON_DAYS);
    if (first > last) return { built, unsettled };
    const day = (n: number) => utcDay(new Date(n * DAY));
    const done = new Set(await this.repo.frozenDays(db, day(first), day(last)));
    for (let n = last; n >= first && built.length + unsettled.length < maxDays; n--) {
      const d = day(n);
      if (done.has(d)) continue;
      const outcome = await db.transaction((tx) => this.repo.rollUpDay(tx, d, now));
      if (outcome === 'built') built.push(d);
      if (outcome === 'unsettled') unsettled.push(d);
    }
    return { built, unsettled };
  }
}
