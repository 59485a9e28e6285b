import type { TFunction } from 'i18next';

/**
 * The API's error messages (class-validator's and the services' English sentences) in the reader's language. Each
 * known form is a pattern and a key of `apiMessage`, with the field named through `apiField`; a message of no known
 * form, or a reader of English, gets the server's words unchanged.
 */
const PATTERNS: readonly [RegExp, string][] = [
  [/^(?<field>[\w.]+) must be shorter than or equal to (?<n>\d+) characters$/, 'tooLong'],
  [/^(?<field>[\w.]+) must be longer than or equal to (?<n>\d+) characters$/, 'tooShort'],
  [/^(?<field>[\w.]+) should not be empty$/, 'empty'],
  [/^(?<field>[\w.]+) must be a valid phone number/, 'phone'],
  [/^property (?<field>[\w.]+) should not exist$/, 'unknownField'],
  [/^(?<field>[\w.]+) must be one of the following values: /, 'oneOf'],
  [
    /^(?<field>[\w.]+) must be (a UUID|a number|a string|an integer number|a valid ISO 8601 date string)/,
    'badValue',
  ],
  [/^(?<field>[\w.]+) must not be (greater|less) than (?<n>[\d.-]+)$/, 'outOfRange'],
  [/^username (?<value>\S+) is taken$/, 'usernameTaken'],
  [/^crew code (?<value>\S+) is taken$/, 'crewCodeTaken'],
  [/^you cannot disable yourself or change your own role$/, 'selfDisable'],
  [/outside the service territory/, 'outsideTerritory'],
  [/^endsAt must be after startsAt$/, 'endsBeforeStart'],
  [/^order (?<value>GD\d+) is (?<status>\w+): open a new order instead$/, 'orderFinished'],
  [/^no (order|customer|crew|call|callback|staff member) /, 'notFound'],
  [/^give at least one of /, 'nothingToChange'],
  [/^an emergency lasts at most (?<n>\d+) days/, 'emergencyTooLong'],
  [/^emergency \S+ is already over$/, 'emergencyOver'],
  [/^unknown zones: (?<value>.+)$/, 'unknownZones'],
  [/^a pause of the \w+ clock of order (?<value>\S+) is already waiting/, 'pauseAlreadyRequested'],
  [/^pause request \S+ was already (?<status>approved|refused)$/, 'pauseAlreadyDecided'],
  [/^(already_paused: |the \w+ clock of order (?<value>\S+) is already paused)/, 'clockAlreadyPaused'],
  [/^(stopped: |exempt: |the \w+ clock of order (?<value>\S+) is no longer running)/, 'clockNotRunning'],
  [/^no (pause request|emergency) /, 'notFound'],
];

export function localizeApiMessage(message: string, t: TFunction, language: string): string {
  if (!language.startsWith('zh')) return message;
  for (const [pattern, key] of PATTERNS) {
    const m = pattern.exec(message);
    if (!m) continue;
    const g = m.groups ?? {};
    const field = g.field ? t(`apiField.${g.field.replace(/\./g, '_')}`, { defaultValue: g.field }) : '';
    const status = g.status
      ? t(`ticketStatus.${g.status}`, {
          defaultValue: t(`apiMessage.decided.${g.status}`, { defaultValue: g.status }),
        })
      : '';
    return t(`apiMessage.${key}`, { field, n: g.n, value: g.value, status, defaultValue: message });
  }
  return message;
}

/** Chinese for the API's messages (English readers get the server's own words). */
export const apiMessagesZh = {
  apiMessage: {
    tooLong: '「{{field}}」不能超过 {{n}} 个字',
    tooShort: '「{{field}}」至少需要 {{n}} 个字',
    empty: '「{{field}}」不能为空',
    phone: '「{{field}}」不是有效的电话号码（手机号或带区号的固话）',
    unknownField: '不接受字段「{{field}}」',
    oneOf: '「{{field}}」的取值无效',
    badValue: '「{{field}}」的格式不对',
    outOfRange: '「{{field}}」超出允许范围',
    usernameTaken: '用户名 {{value}} 已被占用，请换一个',
    crewCodeTaken: '队伍编号 {{value}} 已被占用，请换一个',
    selfDisable: '不能停用自己的账号，也不能修改自己的角色',
    outsideTerritory: '该位置不在服务区域内',
    endsBeforeStart: '结束时间必须晚于开始时间',
    orderFinished: '工单 {{value}} 当前为「{{status}}」，请新建工单',
    notFound: '找不到该记录（可能已被删除或编号有误）',
    nothingToChange: '没有需要保存的改动',
    emergencyTooLong: '紧急状态最长 {{n}} 天；需要更久请到期前结束后重新宣布',
    emergencyOver: '该紧急状态已经结束',
    unknownZones: '找不到这些区域：{{value}}',
    pauseAlreadyRequested: '工单 {{value}} 的该时限已有一条待审批的暂停申请',
    pauseAlreadyDecided: '该申请已被{{status}}，不能再次处理',
    clockAlreadyPaused: '该时限已经暂停',
    clockNotRunning: '该时限已停止计时（已达标、已豁免或已结束），不能暂停',
    decided: { approved: '批准', refused: '驳回' },
  },
  apiField: {
    phone: '电话',
    name: '姓名',
    address: '地址',
    description: '问题描述',
    notes: '通话小结',
    note: '备注',
    reason: '原因',
    username: '用户名',
    password: '密码',
    displayName: '姓名',
    accountNo: '户号',
    location: '位置',
    location_lat: '纬度',
    location_lng: '经度',
    startsAt: '开始时间',
    endsAt: '结束时间',
    estimatedRestoreAt: '预计恢复时间',
    comment: '回访意见',
    code: '编号',
    vehicle: '车辆',
    district: '区县',
    zoneIds: '区域',
    clock: '时限',
  },
};
