import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { localizeApiMessage } from './apiMessages.js';
import { initI18n } from './i18n.js';

describe('localizeApiMessage', () => {
  beforeAll(() => {
    initI18n();
  });
  const zh = (m: string) => localizeApiMessage(m, i18next.getFixedT('zh-CN'), 'zh-CN');

  it('reads the validator’s and the services’ sentences in Chinese, naming the field', () => {
    expect(zh('description must be shorter than or equal to 2000 characters')).toBe(
      '「问题描述」不能超过 2000 个字',
    );
    expect(zh('phone must be a valid phone number')).toContain('「电话」不是有效的电话号码');
    expect(zh('location.lat must not be greater than 90')).toBe('「纬度」超出允许范围');
    expect(zh('username agent9 is taken')).toBe('用户名 agent9 已被占用，请换一个');
    expect(zh('you cannot disable yourself or change your own role')).toBe(
      '不能停用自己的账号，也不能修改自己的角色',
    );
    expect(zh('order GD20261122000001 is closed: open a new order instead')).toBe(
      '工单 GD20261122000001 当前为「已归档」，请新建工单',
    );
  });
  it('reads the storm controls’ refusals (emergencies, pause requests, clocks) in Chinese', () => {
    expect(
      zh(
        'an emergency lasts at most 7 days (endsAt within 7 days of startsAt); end it early with POST /api/sla/emergencies/:id/end',
      ),
    ).toBe('紧急状态最长 7 天；需要更久请到期前结束后重新宣布');
    expect(zh('emergency 0b6e… is already over')).toBe('该紧急状态已经结束');
    expect(zh('unknown zones: CS-X-1, CS-X-2')).toBe('找不到这些区域：CS-X-1, CS-X-2');
    expect(
      zh('a pause of the arrival clock of order GD20261122000001 is already waiting for a supervisor'),
    ).toBe('工单 GD20261122000001 的该时限已有一条待审批的暂停申请');
    expect(zh('pause request 6f1c… was already refused')).toBe('该申请已被驳回，不能再次处理');
    expect(zh('already_paused: the clock is paused')).toBe('该时限已经暂停');
    expect(zh('the restoration clock of order GD20261122000001 is no longer running')).toContain(
      '已停止计时',
    );
    expect(zh('zoneIds should not be empty')).toBe('「区域」不能为空');
  });
  it('keeps a field it cannot name, a message of no known form, and English as the server said it', () => {
    expect(zh('frobnicator should not be empty')).toBe('「frobnicator」不能为空');
    expect(zh('the moon is made of cheese')).toBe('the moon is made of cheese');
    expect(localizeApiMessage('username agent9 is taken', i18next.getFixedT('en'), 'en')).toBe(
      'username agent9 is taken',
    );
  });
});
