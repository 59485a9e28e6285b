import { TIMELINE_KINDS, type TimelineEntry, type TimelineKind } from '@gd/domain';
import i18next from 'i18next';
import { afterAll, describe, expect, it } from 'vitest';
import { setupI18n } from '../../../app/i18n.js';
import { type TimelineFormat, timelineActor, timelineFacts, timelineKindKey } from './timeline.js';

const i18n = setupI18n();
const NAMES: Record<string, string> = { 'u-1': '李敏', 'u-2': '王芳' };
const format = (): TimelineFormat => ({
  t: i18next.t.bind(i18next),
  name: (id) => NAMES[id] ?? id,
  dateTime: (iso) => `@${iso.slice(11, 16)}`,
});
const entry = (
  kind: TimelineKind,
  data: Record<string, unknown>,
  actorId: string | null = 'u-1',
): TimelineEntry => ({
  at: '2026-12-03T11:40:31.000Z',
  actorId,
  kind,
  data,
});
const shown = (e: TimelineEntry) => timelineFacts(e, format()).map((f) => `${f.label} ${f.value}`);

describe('an order’s timeline in the reader’s words', () => {
  afterAll(() => i18n.changeLanguage('zh-CN'));

  it('translates a new order’s type and priority, and leaves out the call id and the order’s own number', async () => {
    await i18n.changeLanguage('zh-CN');
    const created = entry('created', {
      type: 'fault_repair',
      callId: 'f1d0398a-1da4-41fb-87b4-a96bc6a97dc6',
      number: 'GD20261203000001',
      priority: 'normal',
    });
    expect(shown(created)).toEqual(['类型 故障报修', '优先级 普通']);
    expect(i18next.t(timelineKindKey('created'))).toBe('受理');
  });

  it('shows a dispatch as statuses, crew code, distance and ETA, and names the system that acted', async () => {
    await i18n.changeLanguage('zh-CN');
    const dispatched = entry(
      'status',
      {
        from: 'accepted',
        to: 'dispatched',
        via: 'dispatch',
        mode: 'auto',
        system: 'auto-dispatch',
        crewId: '9e6ca347-8152-462b-bbac-915ec8da1da3',
        crewCode: 'C02',
        distanceKm: 2.654,
        etaMinutes: 13.3,
        meetsArrivalSla: true,
      },
      null,
    );
    expect(shown(dispatched)).toEqual([
      '状态 已受理 → 已派单',
      '途径 派单',
      '方式 自动',
      '队伍 C02',
      '距离 2.7 公里',
      '预计到达 13 分钟',
      '到达时限 可按时到达',
    ]);
    expect(timelineActor(dispatched, format())).toBe('自动派单');
    await i18n.changeLanguage('en');
    expect(shown(dispatched)[0]).toBe('Status Accepted → Dispatched');
    expect(timelineActor(dispatched, format())).toBe('Auto-dispatch');
  });

  it('names the people of a hand-off, keeps the typed reason, and links merged orders by number', async () => {
    await i18n.changeLanguage('zh-CN');
    expect(
      shown(entry('handoff', { fromUserId: 'u-1', toUserId: 'u-2', reason: '转营业厅: 核查电表' })),
    ).toEqual(['原处理人 李敏', '转给 王芳', '原因 转营业厅: 核查电表']);
    const merged = timelineFacts(
      entry('child_merged', { childId: '0b7c2a9e-3d1f-4c55-9f0e-1a2b3c4d5e6f', number: 'GD20261203000007' }),
      format(),
    );
    expect(merged).toEqual([
      { label: '子单', value: 'GD20261203000007', orderId: '0b7c2a9e-3d1f-4c55-9f0e-1a2b3c4d5e6f' },
    ]);
    const child = timelineFacts(
      entry('status', {
        from: 'accepted',
        to: 'merged',
        via: 'merge',
        parentId: '5d7c2a9e-3d1f-4c55-9f0e-1a2b3c4d5e6f',
        masterNumber: 'GD20261203000001',
      }),
      format(),
    );
    expect(child).toContainEqual({
      label: '主单',
      value: 'GD20261203000001',
      orderId: '5d7c2a9e-3d1f-4c55-9f0e-1a2b3c4d5e6f',
    });
  });

  it('translates a pause reason code, SLA clock names and callback answers', async () => {
    await i18n.changeLanguage('zh-CN');
    expect(shown(entry('sla.paused', { clock: 'arrival', reason: 'customer_appointment' }))).toEqual([
      '时限 到达',
      '原因 客户预约',
    ]);
    expect(i18next.t(timelineKindKey('sla.paused'))).toBe('时限暂停');
    // A pause approved on request names who asked, not the request's id.
    expect(
      shown(
        entry('sla.paused', {
          clock: 'arrival',
          reason: 'force_majeure',
          requestId: 'c3d2a9e1-3d1f-4c55-9f0e-1a2b3c4d5e6f',
          requestedBy: 'u-2',
        }),
      ),
    ).toEqual(['申请人 王芳', '时限 到达', '原因 不可抗力']);
    expect(i18next.t(timelineKindKey('sla.pause-requested'))).toBe('申请暂停计时');
    expect(
      shown(
        entry('callback', {
          callbackId: 'c3d2a9e1-3d1f-4c55-9f0e-1a2b3c4d5e6f',
          outcome: 'reopened',
          attempt: 1,
          reached: true,
          resolved: false,
          satisfaction: 'dissatisfied',
        }),
      ),
    ).toEqual(['结果 重新打开', '回访 第 1 次', '接通 是', '已解决 否', '满意度 不满意']);
  });

  it('shows a geofence arrival with its distance in metres and the time the crew arrived', async () => {
    await i18n.changeLanguage('zh-CN');
    const arrived = entry(
      'status',
      {
        from: 'en_route',
        to: 'on_site',
        system: 'geofence',
        arrivedAt: '2026-12-03T11:43:00.579Z',
        distanceM: 4.2,
      },
      null,
    );
    expect(shown(arrived)).toEqual(['状态 在途 → 已到达现场', '距离 4 米', '到达时间 @11:43']);
    expect(timelineActor(arrived, format())).toBe('电子围栏');
  });

  it('shows a field it does not know as it is, but never a bare id', async () => {
    await i18n.changeLanguage('zh-CN');
    expect(
      shown(
        entry('status', { to: 'closed', ticket: 'a1b2c3d4-3d1f-4c55-9f0e-1a2b3c4d5e6f', weather: '暴雨' }),
      ),
    ).toEqual(['状态 已归档', 'weather 暴雨']);
  });
});

describe('timeline kinds', () => {
  it('names every kind the API writes in both languages', () => {
    const zh = i18n.getFixedT('zh-CN');
    const en = i18n.getFixedT('en');
    for (const kind of TIMELINE_KINDS) {
      const key = timelineKindKey(kind);
      expect(i18n.exists(key, { lng: 'zh-CN' }), key).toBe(true);
      expect(i18n.exists(key, { lng: 'en' }), key).toBe(true);
      expect(zh(key)).not.toBe(en(key));
    }
  });
});
