import {
  type AgentReportRowDetail,
  type ClockKind,
  type CrewStatus,
  type DistrictBar,
  type HistogramBucket,
  type LiveDashboard,
  type OverviewReport,
  type TicketStatus,
  type TrendPoint,
  ZONE_CLASSES,
  type ZoneClass,
} from '@gd/domain';
import { clocksFor, type SlaPolicy } from '@gd/sla';
import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../common/auth-user.js';
import type { Config } from '../config.js';
import { InjectConfig } from '../config.module.js';
import type { DatabaseHandle } from '../db/client.js';
import { InjectDatabase } from '../db/database.module.js';
import { loadSlaPolicy } from '../sla/sla-policy.js';
import { type OverviewQuery, parseRange, type ReportRangeQuery } from './dashboard.dto.js';
import {
  DashboardRepository,
  HISTOGRAM_BUCKET_MIN,
  HISTOGRAM_BUCKETS,
  type OverviewGroupRow,
} from './dashboard.repository.js';

/** a / b, or null when there is nothing to divide (a rate over no orders is unknown, not 0). */
export const rate = (a: number, b: number): number | null => (b > 0 ? a / b : null);
const round = (n: number | null, digits = 2) =>
  n === null ? null : Math.round(n * 10 ** digits) / 10 ** digits;
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** The local calendar days (yyyy-MM-dd in `tz`) that [from, to) touches, in order. */
export function daysBetween(from: Date, to: Date, tz: string): string[] {
  const fmt = new Intl.DateTimeFormat('en-CA', {
    timeZone: tz,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  const out: string[] = [];
  // Stepping by 6 h never skips a local day, whatever the zone's offset changes.
  for (let t = from.getTime(); t < to.getTime(); t += 6 * 3_600_000) {
    const day = fmt.format(new Date(t));
    if (out[out.length - 1] !== day) out.push(day);
  }
  const last = fmt.format(new Date(to.getTime() - 1));
  if (out[out.length - 1] !== last) out.push(last);
  return out;
}

/** Minutes of the arrival clock that the policy gives a normal fault repair in each zone class. */
export function arrivalTargets(policy: SlaPolicy): Record<ZoneClass, number> {
  const out = {} as Record<ZoneClass, number>;
  for (const zoneClass of ZONE_CLASSES) {
    const def = clocksFor(policy, {
      type: 'fault_repair',
      zoneClass,
      priority: 'normal',
      subKind: null,
    }).find((d) => d.kind === 'arrival');
    out[zoneClass] = def ? (def.minutes ?? 0) + (def.hours ?? 0) * 60 : 0;
  }
  return out;
}

/** Supervisor reports: the live dashboard, the historical overview and the per-agent figures. */
@Injectable()
export class DashboardService {
  private readonly targets: Record<ZoneClass, number>;

  constructor(
    @InjectConfig() private readonly config: Config,
    @InjectDatabase() private readonly database: DatabaseHandle,
    private readonly repo: DashboardRepository,
  ) {
    this.targets = arrivalTargets(loadSlaPolicy(config));
  }

  async overview(q: OverviewQuery, now = new Date()): Promise<OverviewReport> {
    const { from, to } = parseRange(q, now);
    const filters = {
      from,
      to,
      district: q.district,
      zoneClass: q.zoneClass,
      crewId: q.crewId,
      agentId: q.agentId,
      type: q.type,
    };
    const groups = await this.repo.overview(this.database.db, filters, this.config.TZ, now);
    const total = groups.find((g) => g.g_day && g.g_district && g.g_bucket) ?? emptyGroup();
    const byDay = new Map(groups.filter((g) => !g.g_day).map((g) => [g.day!, g]));
    const trend: TrendPoint[] = daysBetween(from, to, this.config.TZ).map((day) => {
      const g = byDay.get(day) ?? emptyGroup();
      return {
        day,
        orders: g.orders,
        arrivalOnTimeRate: round(rate(g.arr_met, g.arr_met + g.arr_late), 4),
        restorationOnTimeRate: round(rate(g.res_met, g.res_met + g.res_late), 4),
      };
    });
    const byDistrict: DistrictBar[] = groups
      .filter((g) => !g.g_district && g.district !== null)
      .map((g) => ({
        district: g.district!,
        orders: g.orders,
        arrivalOnTimeRate: round(rate(g.arr_met, g.arr_met + g.arr_late), 4),
        restorationOnTimeRate: round(rate(g.res_met, g.res_met + g.res_late), 4),
      }))
      .sort((a, b) => b.orders - a.orders || a.district.localeCompare(b.district));
    const counts = new Map(
      groups.filter((g) => !g.g_bucket && g.bucket !== null).map((g) => [g.bucket!, g.orders]),
    );
    const buckets: HistogramBucket[] = Array.from({ length: HISTOGRAM_BUCKETS + 1 }, (_, i) => ({
      fromMin: i * HISTOGRAM_BUCKET_MIN,
      toMin: i < HISTOGRAM_BUCKETS ? (i + 1) * HISTOGRAM_BUCKET_MIN : null,
      count: counts.get(i) ?? 0,
    }));
    return {
      filters: {
        from: from.toISOString(),
        to: to.toISOString(),
        ...(q.district ? { district: q.district } : {}),
        ...(q.zoneClass ? { zoneClass: q.zoneClass } : {}),
        ...(q.crewId ? { crewId: q.crewId } : {}),
        ...(q.agentId ? { agentId: q.agentId } : {}),
        ...(q.type ? { type: q.type } : {}),
      },
      orders: total.orders,
      timeToDispatch: {
        avgMin: round(total.dispatch_avg, 1),
        p90Min: round(total.dispatch_p90, 1),
        dispatched: total.dispatched,
      },
      repeatCallsPerOrder: round(rate(total.urges, total.orders), 4),
      callbackSatisfactionRate: round(rate(total.sat, total.surveyed), 4),
      surveyed: total.surveyed,
      reopenRate: round(rate(total.reopened, total.completed_ever), 4),
      manualArrivalRate: round(rate(total.manual, total.arrived), 4),
      trend,
      byDistrict,
      arrivalHistogram: {
        bucketMin: HISTOGRAM_BUCKET_MIN,
        buckets,
        targetMin: this.targets[q.zoneClass ?? 'urban'],
        targets: this.targets,
      },
    };
  }

  async agents(q: ReportRangeQuery, now = new Date(), agentId?: string): Promise<AgentReportRowDetail[]> {
    const { from, to } = parseRange(q, now);
    const rows = await this.repo.agents(this.database.db, { from, to, agentId });
    return rows.map((r) => ({
      agentId: r.agent_id,
      displayName: r.display_name,
      firstResponded: r.first_responded,
      closed: r.closed,
      closedOnTime: r.closed_on_time,
      repeatCallRate: round(rate(r.repeat_orders, r.first_responded), 4),
      satisfactionRate: round(rate(r.sat, r.surveyed), 4),
      surveyed: r.surveyed,
    }));
  }

  /** An agent's own row of the agents report: zeros (and no rates) when they answered for no order in the range. */
  async agentFigures(user: AuthUser, q: ReportRangeQuery, now = new Date()): Promise<AgentReportRowDetail> {
    const [row] = await this.agents(q, now, user.id);
    return (
      row ?? {
        agentId: user.id,
        displayName: user.displayName,
        firstResponded: 0,
        closed: 0,
        closedOnTime: 0,
        repeatCallRate: null,
        satisfactionRate: null,
        surveyed: 0,
      }
    );
  }

  async live(now = new Date()): Promise<LiveDashboard> {
    const c = await this.repo.live(this.database.db, now);
    return {
      at: now.toISOString(),
      openByStatus: c.openByStatus.map((r) => ({
        status: r.status as TicketStatus,
        zoneClass: r.zone_class as ZoneClass | null,
        count: r.count,
      })),
      openTotal: c.openByStatus.reduce((s, r) => s + r.count, 0),
      breaching: {
        breached: c.urgentCounts.breached,
        dueSoon: c.urgentCounts.due_soon,
        items: c.urgent.map((u) => ({
          ticketId: u.ticket_id,
          number: u.number,
          clock: u.kind as ClockKind,
          dueAt: iso(u.due_at)!,
          state: u.breached ? 'breached' : 'due_soon',
          zoneClass: u.zone_class as ZoneClass | null,
          district: u.district,
        })),
      },
      crewsByStatus: c.crews.map((r) => ({ status: r.status as CrewStatus, count: r.count })),
      callsLastHour: c.callsLastHour,
      activeOutages: {
        count: c.outages.length,
        items: c.outages.map((o) => ({
          id: o.id,
          kind: o.kind,
          description: o.description,
          estimatedRestoreAt: iso(o.estimated_restore_at),
        })),
      },
      callbacksDue: c.callbacksDue,
      backlog: {
        waiting: c.backlog.waiting,
        oldestWaitingSince: iso(c.backlog.oldest),
        breachesNextHour: c.backlog.breaches_next_hour,
      },
    };
  }
}

function emptyGroup(): OverviewGroupRow {
  return {
    g_day: 1,
    g_district: 1,
    g_bucket: 1,
    day: null,
    district: null,
    bucket: null,
    orders: 0,
    arr_met: 0,
    arr_late: 0,
    res_met: 0,
    res_late: 0,
    dispatched: 0,
    dispatch_avg: null,
    dispatch_p90: null,
    urges: 0,
    reopened: 0,
    completed_ever: 0,
    arrived: 0,
    manual: 0,
    sat: 0,
    surveyed: 0,
  };
}
