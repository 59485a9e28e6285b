import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { apiMessagesZh } from './apiMessages.js';
import { crewStatusEn, crewStatusZh } from './crewStatus.js';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const LANGUAGE_KEY = 'gd.lang';

export type Messages = { [key: string]: string | Messages };
export type Resources = Partial<Record<Language, Messages>>;

/** Texts of the shared kit; apps add theirs (and may override these) through {@link initI18n}. */
export const sharedResources: Record<Language, Messages> = {
  'zh-CN': {
    ...apiMessagesZh,
    crewStatus: crewStatusZh,
    app: { name: '95598 工单系统' },
    common: {
      loading: '加载中…',
      retry: '重试',
      empty: '暂无数据',
      error: '出错了',
      networkError: '无法连接服务器',
      // What an API error status means for the person at the screen; the server's own words follow as the detail.
      status: {
        400: '输入有误，未保存任何内容',
        401: '登录已失效，请重新登录',
        403: '您的角色无权执行此操作',
        404: '找不到要操作的记录',
        409: '与当前状态冲突（可能已被他人处理），未做任何更改',
        413: '内容过大，未保存',
        422: '无法受理，未保存任何内容',
        429: '操作过于频繁，请稍后再试',
        500: '服务器出错，请稍后重试',
        503: '服务暂不可用，请稍后重试（已填写的内容仍保留）',
      },
      save: '保存',
      cancel: '取消',
      close: '关闭',
      search: '搜索',
      language: '语言',
    },
    login: {
      title: '登录',
      username: '用户名',
      password: '密码',
      submit: '登录',
      submitting: '正在登录…',
      failed: '用户名或密码错误',
      demoHint:
        '演示账号：agent1、agent2、dispatcher1、qa1、supervisor1、admin、crew01…crew40，密码见服务器启动日志（默认 demo95598）',
    },
    auth: {
      forbiddenTitle: '无权访问',
      forbidden: '此页面不对您的角色（{{role}}）开放。',
      signOut: '退出',
      signedInAs: '{{name}}（{{role}}）',
    },
    role: {
      agent: '客服代表',
      dispatcher: '调度员',
      crew: '抢修队伍',
      qa: '回访员',
      supervisor: '班长',
      admin: '管理员',
    },
    sla: {
      arrival: '到达',
      restoration: '修复',
      response: '联系',
      resolution: '办结',
      running: '计时中',
      paused: '已暂停',
      warning: '即将超时',
      met: '已达标',
      breached: '已超时',
      exempt: '已豁免',
      overdue: '超时 {{d}}',
      left: '剩余 {{d}}',
    },
    pauseReason: {
      customer_unreachable: '联系不上客户',
      customer_appointment: '客户预约',
      force_majeure: '不可抗力',
    },
    ticketType: {
      fault_repair: '故障报修',
      complaint: '投诉',
      report: '举报',
      opinion: '意见建议',
      praise: '表扬',
      inquiry: '咨询',
      service_request: '服务申请',
      billing_dispute: '抄核收争议',
      reconnection: '欠费复电',
    },
    priority: { urgent: '紧急', high: '高', normal: '普通', low: '低' },
    zoneClass: { urban: '城区', rural: '农村', remote: '偏远山区' },
    notice: {
      status: '工单 {{number}} {{to}}{{note}}',
      reopened: '工单 {{number}} 已重新打开 · {{to}}{{note}}',
      handoff: '工单 {{number}} 转交给 {{to}}：{{reason}}',
      urged: '工单 {{number}} 催办第 {{count}} 次{{note}}',
      dispatchLate: '工单 {{number}} 已自动派给 {{crew}}，预计 {{etaMinutes}} 分钟到达，超出到达时限',
      dispatchNone: '工单 {{number}} 无法自动派单：{{detail}}',
      slaWarning: '工单 {{number}} {{clock}}时限即将超时，应于 {{dueAt}} 前完成',
      slaBreached: '工单 {{number}} {{clock}}时限已超时（应于 {{dueAt}} 前完成）',
      dissatisfiedCallback: '工单 {{number}} 回访{{why}}，已重新打开（第 {{reopenCount}} 次）',
      pauseRequested: '{{by}} 申请暂停工单 {{number}} 的{{clock}}计时：{{reason}}',
      pauseApproved: '工单 {{number}} 的{{clock}}计时暂停申请已批准',
      pauseRefused: '工单 {{number}} 的{{clock}}计时暂停申请被驳回：{{reason}}',
      unresolved: '问题未解决',
      dissatisfied: '客户不满意',
    },
    ticketStatus: {
      accepted: '已受理',
      dispatched: '已派单',
      acknowledged: '已接单',
      en_route: '在途',
      on_site: '已到达现场',
      restored: '已修复',
      completed: '已回单',
      closed: '已归档',
      cancelled: '已取消',
      merged: '已合并',
      in_progress: '处理中',
    },
  },
  en: {
    crewStatus: crewStatusEn,
    app: { name: '95598 work orders' },
    common: {
      loading: 'Loading…',
      retry: 'Retry',
      empty: 'Nothing here',
      error: 'Something went wrong',
      networkError: 'Cannot reach the server',
      status: {
        400: 'Invalid input: nothing was saved',
        401: 'Your session has ended: sign in again',
        403: 'Your role may not do this',
        404: 'No such record',
        409: 'Conflicts with the current state (someone may have handled it): nothing was changed',
        413: 'Too large: nothing was saved',
        422: 'Cannot be accepted: nothing was saved',
        429: 'Too many attempts: try again shortly',
        500: 'Server error: try again shortly',
        503: 'Service unavailable: try again shortly (what you typed is kept)',
      },
      save: 'Save',
      cancel: 'Cancel',
      close: 'Close',
      search: 'Search',
      language: 'Language',
    },
    login: {
      title: 'Sign in',
      username: 'Username',
      password: 'Password',
      submit: 'Sign in',
      submitting: 'Signing in…',
      failed: 'Wrong username or password',
      demoHint:
        'Demo accounts: agent1, agent2, dispatcher1, qa1, supervisor1, admin, crew01…crew40; password in the server log (default demo95598)',
    },
    auth: {
      forbiddenTitle: 'Not for your role',
      forbidden: 'This page is not open to your role ({{role}}).',
      signOut: 'Sign out',
      signedInAs: '{{name}} ({{role}})',
    },
    role: {
      agent: 'Agent',
      dispatcher: 'Dispatcher',
      crew: 'Crew',
      qa: 'QA',
      supervisor: 'Supervisor',
      admin: 'Admin',
    },
    sla: {
      arrival: 'Arrival',
      restoration: 'Restoration',
      response: 'Response',
      resolution: 'Resolution',
      running: 'Running',
      paused: 'Paused',
      warning: 'Due soon',
      met: 'Met',
      breached: 'Breached',
      exempt: 'Exempt',
      overdue: '{{d}} over',
      left: '{{d}} left',
    },
    pauseReason: {
      customer_unreachable: 'customer unreachable',
      customer_appointment: 'customer appointment',
      force_majeure: 'force majeure',
    },
    ticketType: {
      fault_repair: 'Fault repair',
      complaint: 'Complaint',
      report: 'Report',
      opinion: 'Opinion',
      praise: 'Praise',
      inquiry: 'Inquiry',
      service_request: 'Service request',
      billing_dispute: 'Billing dispute',
      reconnection: 'Reconnection',
    },
    priority: { urgent: 'Urgent', high: 'High', normal: 'Normal', low: 'Low' },
    zoneClass: { urban: 'Urban', rural: 'Rural', remote: 'Remote' },
    notice: {
      status: 'Order {{number}}: {{to}}{{note}}',
      reopened: 'Order {{number}} reopened · {{to}}{{note}}',
      handoff: 'Order {{number}} handed to {{to}}: {{reason}}',
      urged: 'Order {{number}} urged ({{count}}){{note}}',
      dispatchLate:
        'Order {{number}} auto-dispatched to {{crew}}, {{etaMinutes}} min away: past the arrival limit',
      dispatchNone: 'Order {{number}} could not be auto-dispatched: {{detail}}',
      slaWarning: 'Order {{number}}: {{clock}} limit about to breach (due {{dueAt}})',
      slaBreached: 'Order {{number}}: {{clock}} limit breached (was due {{dueAt}})',
      dissatisfiedCallback:
        'Order {{number}} reopened after its callback: {{why}} (reopened {{reopenCount}}×)',
      pauseRequested: '{{by}} asks to pause the {{clock}} clock of order {{number}}: {{reason}}',
      pauseApproved: 'Pause of the {{clock}} clock of order {{number}} approved',
      pauseRefused: 'Pause of the {{clock}} clock of order {{number}} refused: {{reason}}',
      unresolved: 'problem not solved',
      dissatisfied: 'customer dissatisfied',
    },
    ticketStatus: {
      accepted: 'Accepted',
      dispatched: 'Dispatched',
      acknowledged: 'Acknowledged',
      en_route: 'En route',
      on_site: 'On site',
      restored: 'Restored',
      completed: 'Completed',
      closed: 'Closed',
      cancelled: 'Cancelled',
      merged: 'Merged',
      in_progress: 'In progress',
    },
  },
};

function isObject(v: unknown): v is Messages {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Deep merge of message trees; `over` wins. */
/**
 * A code the API sends (`sla.warning`, `ticket.create`) as one i18n key segment: i18next splits keys on `.` and
 * namespaces on `:`.
 */
export function codeKey(code: string): string {
  return code.replace(/[.:]/g, '_');
}

export function mergeMessages(base: Messages, over: Messages | undefined): Messages {
  const out: Messages = { ...base };
  for (const [k, v] of Object.entries(over ?? {})) {
    const b = out[k];
    out[k] = isObject(b) && isObject(v) ? mergeMessages(b, v) : v;
  }
  return out;
}

export function storedLanguage(): Language {
  try {
    const v = globalThis.localStorage?.getItem(LANGUAGE_KEY);
    if (v && (LANGUAGES as readonly string[]).includes(v)) return v as Language;
  } catch {
    // no storage
  }
  return 'zh-CN';
}

/** Initialises i18next once: shared texts merged under the app's, zh-CN unless the user chose English. */
export function initI18n(resources: Resources = {}): I18n {
  const merged = Object.fromEntries(
    LANGUAGES.map((lng) => [lng, { translation: mergeMessages(sharedResources[lng], resources[lng]) }]),
  );
  const lng = storedLanguage();
  if (!i18next.isInitialized) {
    void i18next.use(initReactI18next).init({
      resources: merged,
      lng,
      fallbackLng: 'zh-CN',
      interpolation: { escapeValue: false },
      initAsync: false,
    });
  } else {
    for (const [l, r] of Object.entries(merged))
      i18next.addResourceBundle(l, 'translation', r.translation, true, true);
  }
  if (typeof document !== 'undefined') document.documentElement.lang = lng;
  return i18next;
}

export function setLanguage(lng: Language): void {
  try {
    globalThis.localStorage?.setItem(LANGUAGE_KEY, lng);
  } catch {
    // no storage
  }
  if (typeof document !== 'undefined') document.documentElement.lang = lng;
  void i18next.changeLanguage(lng);
}

/** A small switch between 中文 and English, remembered per browser. */
export function LanguageSwitch() {
  const { i18n, t } = useTranslation();
  const current = (LANGUAGES as readonly string[]).includes(i18n.language) ? i18n.language : 'zh-CN';
  return (
    <select
      className="gd-lang"
      aria-label={t('common.language')}
      data-testid="language-switch"
      value={current}
      onChange={(e) => setLanguage(e.target.value as Language)}
    >
      <option value="zh-CN">中文</option>
      <option value="en">English</option>
    </select>
  );
}
