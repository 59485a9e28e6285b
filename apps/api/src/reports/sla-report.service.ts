import type { SlaReportRow } from '@gd/domain';
import { BadRequestException, Injectable } from '@nestjs/common';
import type { DatabaseHandle } from '../db/client.js';
import { InjectDatabase } from '../db/database.module.js';
import type { SlaReportQuery } from './reports.dto.js';
import {
  dayStart,
  type LiveRange,
  SlaReportRepository,
  type SlaReportSqlRow,
  utcDay,
} from './sla-report.repository.js';

const DAY = 86_400_000;
/** Longest range one request may ask for. */
export const MAX_RANGE_DAYS = 366;

const rate = (met: number, judged: number) => (judged > 0 ? round(met / judged, 4) : null);
const minutes = (v: number | string | null) => (v === null ? null : round(Number(v), 2));
function round(v: number, digits: number) {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

export function toSlaReportRow(r: SlaReportSqlRow): SlaReportRow {
  return {
    key: r.key,
    orders: r.orders,
    arrivalOnTimeRate: rate(r.arrival_met, r.arrival_judged),
    restorationOnTimeRate: rate(r.restoration_met, r.restoration_judged),
    avgArrivalMin: minutes(r.avg_arrival_min),
    p90ArrivalMin: minutes(r.p90_arrival_min),
    avgRestorationMin: minutes(r.avg_restoration_min),
    arrivalOnTimeRateRaw: rate(r.arrival_raw_met, r.arrival_raw_judged),
    restorationOnTimeRateRaw: rate(r.restoration_raw_met, r.restoration_raw_judged),
    avgArrivalAdjustedMin: minutes(r.avg_arrival_adjusted_min),
    avgRestorationAdjustedMin: minutes(r.avg_restoration_adjusted_min),
    p90RestorationMin: minutes(r.p90_restoration_min),
    arrivalBreached: r.arrival_breached,
    restorationBreached: r.restoration_breached,
    exemptClocks: r.exempt_clocks,
  };
}

/**
 * [from, to) as the rolled-up days wholly inside it (`frozen`: YYYY-MM-DD, UTC, sorted) and the ranges between
 * and around them, which the report reads clock by clock.
 */
export function splitRange(from: Date, to: Date, frozen: string[]): { live: LiveRange[]; days: string[] } {
  const live: LiveRange[] = [];
  const days: string[] = [];
  let cursor = from;
  for (const day of frozen) {
    const start = dayStart(day);
    const end = new Date(start.getTime() + DAY);
    if (start < from || end > to) continue;
    if (start > cursor) live.push({ from: cursor, to: start });
    days.push(day);
    cursor = end;
  }
  if (cursor < to) live.push({ from: cursor, to });
  return { live, days };
}

/** On-time rates and times of the arrival and restoration clocks of orders created in a range, per group. */
@Injectable()
export class SlaReportService {
  constructor(
    @InjectDatabase() private readonly database: DatabaseHandle,
    private readonly repo: SlaReportRepository,
  ) {}

  async sla(q: SlaReportQuery): Promise<SlaReportRow[]> {
    const now = new Date();
    const to = q.to ? new Date(q.to) : now;
    const from = q.from ? new Date(q.from) : new Date(to.getTime() - 30 * DAY);
    if (!(from < to)) throw new BadRequestException(['from must be before to']);
    if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY)
      throw new BadRequestException([`the range may cover at most ${MAX_RANGE_DAYS} days`]);
    const groupBy = q.groupBy ?? 'zoneClass';
    const type = q.type ?? 'fault_repair';
    const postgres = this.database.kind === 'postgres';
    // One snapshot for the roll-up's marks, its rows and the clocks: a change committed in between would otherwise
    // be counted twice or not at all.
    const rows = await this.database.db.transaction(
      async (tx) => {
        if (postgres) await this.repo.tuneForReport(tx);
        const days = await this.repo.frozenDays(tx, utcDay(from), utcDay(new Date(to.getTime() - 1)));
        return this.repo.sla(tx, { ...splitRange(from, to, days), groupBy, type, now });
      },
      postgres ? { isolationLevel: 'repeatable read', accessMode: 'read only' } : undefined,
    );
    return rows.map(toSlaReportRow);
  }
}
