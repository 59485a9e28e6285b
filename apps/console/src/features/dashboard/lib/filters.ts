import type { TicketType, ZoneClass } from '@gd/domain';

/** The dashboard's historical filters as the form holds them: local calendar days, empty = any. */
export interface DashboardFilters {
  /** yyyy-MM-dd, inclusive. */
  fromDay: string;
  /** yyyy-MM-dd, inclusive. */
  toDay: string;
  district: string;
  zoneClass: ZoneClass | '';
  crewId: string;
  agentId: string;
  type: TicketType | '';
}

const DAY = 86_400_000;

/** yyyy-MM-dd of an instant in a time zone. */
export function localDay(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}

/** The zone's UTC offset at an instant, as +08:00. */
export function offsetAt(at: Date, timeZone: string): string {
  const name =
    new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-]\d{2}):?(\d{2})?/.exec(name);
  return m ? `${m[1]}:${m[2] ?? '00'}` : '+00:00';
}

/** The instant a local day starts in a zone, as ISO-8601 with that zone's offset. */
export function startOfLocalDay(day: string, timeZone: string): string {
  // The offset at local noon of that day is the day's offset (zones change offset at night).
  const offset = offsetAt(new Date(`${day}T12:00:00Z`), timeZone);
  return `${day}T00:00:00${offset}`;
}

/** The day after a yyyy-MM-dd. */
export function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + DAY).toISOString().slice(0, 10);
}

/** The last 30 local days, today included. */
export function defaultFilters(now: Date, timeZone: string): DashboardFilters {
  const toDay = localDay(now, timeZone);
  const fromDay = new Date(Date.parse(`${toDay}T00:00:00Z`) - 29 * DAY).toISOString().slice(0, 10);
  return { fromDay, toDay, district: '', zoneClass: '', crewId: '', agentId: '', type: '' };
}

/** Form problems (dashboard.errors.*); the server refuses the same, this just says so before asking. */
export function filterErrors(f: DashboardFilters): string[] {
  const day = /^\d{4}-\d{2}-\d{2}$/;
  if (!day.test(f.fromDay) || !day.test(f.toDay)) return ['badDate'];
  if (f.fromDay > f.toDay) return ['inverted'];
  return [];
}

/** The query of `GET /api/reports/overview` for the filters: [start of fromDay, start of the day after toDay). */
export function overviewQuery(f: DashboardFilters, timeZone: string): Record<string, string> {
  const q: Record<string, string> = {
    from: startOfLocalDay(f.fromDay, timeZone),
    to: startOfLocalDay(nextDay(f.toDay), timeZone),
  };
  if (f.district) q.district = f.district;
  if (f.zoneClass) q.zoneClass = f.zoneClass;
  if (f.crewId) q.crewId = f.crewId;
  if (f.agentId) q.agentId = f.agentId;
  if (f.type) q.type = f.type;
  return q;
}
