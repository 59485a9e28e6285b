import type {
  DistrictBar,
  LiveDashboard,
  OverviewReport,
  TicketStatus,
  TrendPoint,
  ZoneClass,
} from '@gd/domain';

/** A rate (0..1) as a percentage with one decimal, or null (a gap in the chart, not a zero). */
export const pct = (r: number | null | undefined): number | null =>
  r === null || r === undefined ? null : Math.round(r * 1000) / 10;

export interface TrendDatum {
  day: string;
  /** MM-dd, for the axis. */
  label: string;
  orders: number;
  arrival: number | null;
  restoration: number | null;
}

/** The daily trend as chart points: percentages, short day labels. */
export function trendData(trend: readonly TrendPoint[]): TrendDatum[] {
  return trend.map((p) => ({
    day: p.day,
    label: p.day.slice(5),
    orders: p.orders,
    arrival: pct(p.arrivalOnTimeRate),
    restoration: pct(p.restorationOnTimeRate),
  }));
}

export interface DistrictDatum {
  district: string;
  orders: number;
  arrival: number | null;
  restoration: number | null;
}

/** Bars by district, busiest first, at most `limit` (the rest would be unreadable). */
export function districtData(bars: readonly DistrictBar[], limit = 12): DistrictDatum[] {
  return [...bars]
    .sort((a, b) => b.orders - a.orders || a.district.localeCompare(b.district))
    .slice(0, limit)
    .map((b) => ({
      district: b.district,
      orders: b.orders,
      arrival: pct(b.arrivalOnTimeRate),
      restoration: pct(b.restorationOnTimeRate),
    }));
}

export interface HistogramDatum {
  label: string;
  fromMin: number;
  count: number;
  /** Whether the whole bucket is within the target (for colouring). */
  withinTarget: boolean;
}

/**
 * The arrival histogram as bars, plus where the target line goes: the label of the bucket that contains the
 * target minute (a category axis can only draw a reference line at a category).
 */
export function histogramData(h: OverviewReport['arrivalHistogram']): {
  data: HistogramDatum[];
  targetLabel: string | null;
  /** Where on that bucket's band the line goes: its left edge when the target is the bucket's lower bound. */
  targetPosition: 'start' | 'middle';
  withinShare: number | null;
} {
  const label = (from: number, to: number | null) => (to === null ? `≥${from}` : `${from}–${to}`);
  const data = h.buckets.map((b) => ({
    label: label(b.fromMin, b.toMin),
    fromMin: b.fromMin,
    count: b.count,
    withinTarget: b.toMin !== null && b.toMin <= h.targetMin,
  }));
  const hit = h.buckets.find((b) => b.fromMin <= h.targetMin && (b.toMin === null || h.targetMin < b.toMin));
  // A target on a bucket edge (30 with 10-min buckets) sits at the left edge of the bucket that starts there.
  const targetLabel = hit ? label(hit.fromMin, hit.toMin) : null;
  const targetPosition = hit && hit.fromMin === h.targetMin ? 'start' : 'middle';
  const total = data.reduce((s, d) => s + d.count, 0);
  const within = data.filter((d) => d.withinTarget).reduce((s, d) => s + d.count, 0);
  return { data, targetLabel, targetPosition, withinShare: total ? within / total : null };
}

export interface StatusRow {
  status: TicketStatus;
  urban: number;
  rural: number;
  remote: number;
  unknown: number;
  total: number;
}

const STATUS_ORDER: readonly TicketStatus[] = [
  'accepted',
  'in_progress',
  'dispatched',
  'acknowledged',
  'en_route',
  'on_site',
  'restored',
];

/** Open orders as a status × zone-class table, in workflow order, with totals. */
export function statusMatrix(open: LiveDashboard['openByStatus']): StatusRow[] {
  const rows = new Map<TicketStatus, StatusRow>();
  for (const o of open) {
    const row = rows.get(o.status) ?? {
      status: o.status,
      urban: 0,
      rural: 0,
      remote: 0,
      unknown: 0,
      total: 0,
    };
    const key: ZoneClass | 'unknown' = o.zoneClass ?? 'unknown';
    row[key] += o.count;
    row.total += o.count;
    rows.set(o.status, row);
  }
  const rank = (s: TicketStatus) => {
    const i = STATUS_ORDER.indexOf(s);
    return i < 0 ? STATUS_ORDER.length : i;
  };
  return [...rows.values()].sort(
    (a, b) => rank(a.status) - rank(b.status) || a.status.localeCompare(b.status),
  );
}
