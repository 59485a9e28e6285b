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
  it('keeps a field it cannot name, a message of no known form, and English as the server said it', () => {
    expect(zh('frobnicator should not be empty')).toBe('「frobnicator」不能为空');
    expect(zh('the moon is made of cheese')).toBe('the moon is made of cheese');
    expect(localizeApiMessage('username agent9 is taken', i18next.getFixedT('en'), 'en')).toBe(
      'username agent9 is taken',
    );
  });
});
