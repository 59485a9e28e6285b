import type { CustomerMessage } from '../api/get-messages.js';

/** The panel's words, zh-CN first with English (kept here so the feature adds no keys to the app's catalogue). */
const WORDS = {
  zh: {
    title: '短信/消息',
    none: '尚未给客户发送消息',
    told: '已告知客户 {n} 条',
    latest: '最近',
    status: {
      queued: '待发送',
      sent: '已发送',
      failed: '发送失败，将重试',
      suppressed: '未发送',
      dead: '发送失败',
    },
    held: '{t} 后发送',
    quiet: '夜间免打扰，{t} 发送',
    heldCount: '{n} 条夜间免打扰，早上发送',
    template: {
      order_accepted: '受理通知',
      crew_dispatched: '派单通知',
      crew_arriving: '到达通知',
      power_restored: '恢复送电',
      order_completed: '办结通知',
      outage_fault: '故障停电',
      outage_planned_7d: '计划停电（提前 7 天）',
      outage_planned_1d: '计划停电（前一天）',
      outage_restored: '停电恢复',
      sla_breached: '超时督办（内部）',
      verification_code: '验证码',
    } as Record<string, string>,
  },
  en: {
    title: 'Messages',
    none: 'Nothing sent to the customer yet',
    told: 'Customer told {n} times',
    latest: 'Latest',
    status: {
      queued: 'Queued',
      sent: 'Sent',
      failed: 'Failed, will retry',
      suppressed: 'Not sent',
      dead: 'Failed',
    },
    held: 'Goes at {t}',
    quiet: 'Held for quiet hours until {t}',
    heldCount: '{n} held for quiet hours, sent in the morning',
    template: {
      order_accepted: 'Accepted',
      crew_dispatched: 'Crew sent',
      crew_arriving: 'Crew arrived',
      power_restored: 'Power back',
      order_completed: 'Completed',
      outage_fault: 'Fault outage',
      outage_planned_7d: 'Planned outage (7 days)',
      outage_planned_1d: 'Planned outage (day before)',
      outage_restored: 'Outage over',
      sla_breached: 'SLA breach (staff)',
      verification_code: 'Code',
    } as Record<string, string>,
  },
};

export type MessageWords = (typeof WORDS)['zh'];
export function wordsFor(language: string | undefined): MessageWords {
  return language?.startsWith('en') ? WORDS.en : WORDS.zh;
}

/**
 * The line an agent reads first: how many messages reached the customer, or that none did, and how many wait for
 * the end of quiet hours (at night a new order's acceptance waits: the customer has not been told yet).
 */
export function summary(w: MessageWords, messages: readonly CustomerMessage[]): string {
  const sent = messages.filter((m) => m.status === 'sent').length;
  const held = messages.filter((m) => m.heldFor === 'quiet_hours').length;
  const told = sent ? w.told.replace('{n}', String(sent)) : w.none;
  return held ? `${told} · ${w.heldCount.replace('{n}', String(held))}` : told;
}
