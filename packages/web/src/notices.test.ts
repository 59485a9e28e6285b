import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { sharedResources } from './i18n.js';
import { noticeIsImportant, noticeText } from './notices.js';

describe('noticeText', () => {
  const zh = i18next.createInstance();
  const en = i18next.createInstance();
  beforeAll(async () => {
    await zh.init({ lng: 'zh-CN', resources: { 'zh-CN': { translation: sharedResources['zh-CN'] } } });
    await en.init({ lng: 'en', resources: { en: { translation: sharedResources.en } } });
  });

  const status = {
    kind: 'status',
    params: { number: 'GD20261205000042', from: 'en_route', to: 'on_site' },
    message: '工单 GD20261205000042: en_route → on_site',
  };

  it('reads a status change as a sentence in each language, never the raw codes', () => {
    expect(noticeText(zh.t, status)).toBe('工单 GD20261205000042 已到达现场');
    expect(noticeText(en.t, status)).toBe('Order GD20261205000042: On site');
    expect(noticeText(en.t, status)).not.toMatch(/en_route|on_site|工单/);
  });

  it('names the crew and the clock, and writes the due time in the time zone', () => {
    const late = {
      kind: 'dispatch.alert',
      params: { number: 'GD1', reason: 'late', crew: '岳麓区抢修01班', etaMinutes: 48 },
      message: 'x',
    };
    expect(noticeText(zh.t, late)).toContain('岳麓区抢修01班');
    const breach = {
      kind: 'sla.breached',
      params: { number: 'GD1', clock: 'arrival', dueAt: '2026-12-05T04:30:00.000Z' },
      message: 'x',
    };
    expect(noticeText(zh.t, breach, 'Asia/Shanghai')).toMatch(/^工单 GD1 到达时限已超时.*12:30/);
  });

  it("falls back to the server's text for an unknown kind or a notice without parameters", () => {
    expect(noticeText(en.t, { kind: 'something.new', params: { number: 'GD1' }, message: '旧文本' })).toBe(
      '旧文本',
    );
    expect(noticeText(en.t, { kind: 'status', params: null, message: '旧文本' })).toBe('旧文本');
  });

  it('tells the notices that need action from routine ones', () => {
    expect(noticeIsImportant({ kind: 'sla.breached' })).toBe(true);
    expect(noticeIsImportant({ kind: 'reopened' })).toBe(true);
    expect(noticeIsImportant({ kind: 'status' })).toBe(false);
  });
});
