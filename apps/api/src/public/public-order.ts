import type { TicketStatus } from '@gd/domain';

/** What a customer reads of an order's status: plain Chinese, no office words. */
export const STATUS_TEXT: Record<TicketStatus, string> = {
  accepted: '已受理，正在安排抢修人员',
  dispatched: '已派单',
  acknowledged: '抢修人员已接单',
  en_route: '抢修人员在路上',
  on_site: '抢修人员已到达现场',
  restored: '已恢复送电',
  completed: '已办结',
  closed: '已办结',
  cancelled: '已撤销',
  merged: '已与同一故障合并处理',
  in_progress: '正在处理',
};

const REPAIR_STEPS = [
  { key: 'accepted', label: '受理', at: 'createdAt' },
  { key: 'dispatched', label: '已派单', at: 'dispatchedAt' },
  { key: 'en_route', label: '抢修人员在路上', at: 'enRouteAt' },
  { key: 'on_site', label: '已到达', at: 'arrivedAt' },
  { key: 'restored', label: '已恢复送电', at: 'restoredAt' },
] as const;
const GENERAL_STEPS = [
  { key: 'accepted', label: '受理', at: 'createdAt' },
  { key: 'completed', label: '已办结', at: 'completedAt' },
] as const;

type Times = Partial<Record<(typeof REPAIR_STEPS | typeof GENERAL_STEPS)[number]['at'], Date | null>>;

/** The steps of an order as the tracking page shows them (受理 → 已派单 → 在路上 → 已到达 → 已恢复送电), done or not. */
export function orderSteps(type: string, t: Times) {
  const steps = type === 'fault_repair' ? REPAIR_STEPS : GENERAL_STEPS;
  return steps.map((s) => ({ key: s.key, label: s.label, at: t[s.at]?.toISOString() ?? null }));
}

/** Minutes left of a crew's promised ETA, counted from when it was sent; never below one. */
export function etaLeft(etaMinutes: number | null, assignedAt: Date, now: Date): number | null {
  if (etaMinutes === null) return null;
  return Math.max(1, Math.round(etaMinutes - (now.getTime() - assignedAt.getTime()) / 60_000));
}

/** Whether `phone` (E.164) ends with the four digits a customer typed. */
export function lastFourMatch(phone: string | null | undefined, digits: string): boolean {
  return !!phone && /^\d{4}$/.test(digits) && phone.replace(/\D/g, '').endsWith(digits);
}
