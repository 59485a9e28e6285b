/**
 * The message templates: data, one per event, zh-CN first (what is sent) with English (for staff reading the
 * history in English). Each declares the variables it may use; a provider's approved template (Aliyun
 * TemplateCode, Tencent TemplateId, WeChat template_id) must have the same text and the same variable names
 * (docs/messages.md), and is named in MESSAGES_TEMPLATE_IDS.
 *
 * `routine` messages wait for the end of quiet hours and count against a number's rate limit; outage,
 * restoration and verification messages always go at once.
 */
export const TEMPLATES = {
  order_accepted: {
    routine: true,
    variables: ['number', 'link'],
    zh: '您的诉求已受理，工单号{number}。查看进度：{link}',
    en: 'Your report was accepted, order {number}. Follow it at {link}',
  },
  crew_dispatched: {
    routine: true,
    variables: ['number', 'crew', 'eta'],
    zh: '工单{number}：抢修人员{crew}已派出，预计{eta}分钟到达。',
    en: 'Order {number}: crew {crew} is on the way, expected in {eta} minutes.',
  },
  crew_arriving: {
    routine: true,
    variables: ['number', 'crew'],
    zh: '工单{number}：抢修人员{crew}已到达现场。',
    en: 'Order {number}: crew {crew} has arrived.',
  },
  power_restored: {
    routine: false,
    variables: ['number'],
    zh: '工单{number}：已恢复送电，感谢您的耐心等待。',
    en: 'Order {number}: power is back. Thank you for your patience.',
  },
  order_completed: {
    routine: true,
    variables: ['number'],
    zh: '工单{number}已办结，我们将回访了解您的满意度。',
    en: 'Order {number} is complete; we will call you back to ask how it went.',
  },
  outage_fault: {
    routine: false,
    variables: ['area', 'restoreAt'],
    zh: '您所在的{area}因故障停电，正在抢修，预计{restoreAt}恢复供电。',
    en: 'A fault has cut power in {area}; repairs are under way, expected back by {restoreAt}.',
  },
  outage_planned_7d: {
    routine: false,
    variables: ['area', 'startsAt', 'endsAt'],
    zh: '计划停电通知：{area}将于{startsAt}至{endsAt}停电检修，请提前做好准备。',
    en: 'Planned outage: {area} will be off from {startsAt} to {endsAt} for maintenance.',
  },
  outage_planned_1d: {
    routine: false,
    variables: ['area', 'startsAt', 'endsAt'],
    zh: '明日停电提醒：{area}将于{startsAt}至{endsAt}停电检修。',
    en: 'Reminder: {area} will be off from {startsAt} to {endsAt} tomorrow.',
  },
  outage_restored: {
    routine: false,
    variables: ['area'],
    zh: '{area}已恢复供电，感谢您的理解与支持。',
    en: 'Power is back in {area}. Thank you for your understanding.',
  },
  sla_breached: {
    routine: false,
    variables: ['number', 'clock', 'dueAt'],
    zh: '工单{number}{clock}时限已超时（应于{dueAt}前完成），请及时督办。',
    en: 'Order {number}: the {clock} time limit was breached (due {dueAt}). Please follow up.',
  },
  verification_code: {
    routine: false,
    variables: ['code'],
    zh: '您的验证码为{code}，5分钟内有效，请勿告诉他人。',
    en: 'Your code is {code}, valid for 5 minutes. Do not share it.',
  },
} as const satisfies Record<string, MessageTemplate>;

export interface MessageTemplate {
  routine: boolean;
  variables: readonly string[];
  zh: string;
  en: string;
}

export type TemplateCode = keyof typeof TEMPLATES;
export const TEMPLATE_CODES = Object.keys(TEMPLATES) as TemplateCode[];

export class TemplateVariableError extends Error {}

/**
 * The template's text with its variables filled in. A variable the template does not declare, or a declared one
 * left out, throws: what reaches a provider must match the approved template exactly.
 */
export function renderTemplate(
  code: TemplateCode,
  variables: Record<string, string>,
  lang: 'zh' | 'en' = 'zh',
): string {
  const t: MessageTemplate = TEMPLATES[code];
  const given = Object.keys(variables);
  const unknown = given.filter((v) => !t.variables.includes(v));
  if (unknown.length) throw new TemplateVariableError(`${code} does not declare ${unknown.join(', ')}`);
  const missing = t.variables.filter((v) => !(v in variables));
  if (missing.length) throw new TemplateVariableError(`${code} needs ${missing.join(', ')}`);
  return t[lang].replace(/\{(\w+)\}/g, (_, name: string) => {
    if (!t.variables.includes(name)) throw new TemplateVariableError(`${code} uses undeclared {${name}}`);
    return variables[name]!;
  });
}
