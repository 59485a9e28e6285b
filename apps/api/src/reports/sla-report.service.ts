import type { SlaReportRow } from '@gd/domain';
import { BadRequestException, Injectable } from '@nestjs/common';
import type { DatabaseHandle } from '../db/client.js';
import { InjectDatabase } from '../db/database.module.js';
import type { SlaReportQuery } from './reports.dto.js';
import { SlaReportRepository, type SlaReportSqlRow } from './sla-report.repository.js';

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
    const query = {
      from,
      to,
      groupBy: q.groupBy ?? 'zoneClass',
      type: q.type ?? 'fault_repair',
      now,
    } as const;
    const rows =
      this.database.kind === 'postgres'
        ? await this.database.db.transaction(async (tx) => {
            await this.repo.tuneForReport(tx);
            return this.repo.sla(tx, query);
          })
        : await this.repo.sla(this.database.db, query);
    return rows.map(toSlaReportRow);
  }
}
