import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const LANGUAGE_KEY = 'gd.lang';

export type Messages = { [key: string]: string | Messages };
export type Resources = Partial<Record<Language, Messages>>;

/** Texts of the shared kit; apps add theirs (and may override these) through {@link initI18n}. */
export const sharedResources: Record<Language, Messages> = {
  'zh-CN': {
    app: { name: '95598 工单系统' },
    common: {
      loading: '加载中…',
      retry: '重试',
      empty: '暂无数据',
      error: '出错了',
      networkError: '无法连接服务器',
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
  },
  en: {
    app: { name: '95598 work orders' },
    common: {
      loading: 'Loading…',
      retry: 'Retry',
      empty: 'Nothing here',
      error: 'Something went wrong',
      networkError: 'Cannot reach the server',
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
  },
};

function isObject(v: unknown): v is Messages {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Deep merge of message trees; `over` wins. */
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
