import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { setupI18n } from '../../../app/i18n.js';
import { isImportant, keepNotices, noticeText } from './notice-text.js';

describe('noticeText', () => {
  beforeAll(() => {
    setupI18n();
  });
  it('reads a status change as words in the reader’s language', () => {
    const zh = i18next.getFixedT('zh-CN');
    const en = i18next.getFixedT('en');
    const msg = '工单 GD20261205000001: en_route → on_site';
    expect(noticeText('status', msg, zh)).toBe(
      `工单 GD20261205000001：${zh('ticketStatus.en_route')} → ${zh('ticketStatus.on_site')}`,
    );
    expect(noticeText('status', msg, en)).toBe('Order GD20261205000001: En route → On site');
    expect(noticeText('reopened', '工单 GD1: closed → accepted (回访不满意)', zh)).toContain(
      '（回访不满意）',
    );
  });
  it('keeps other messages, with 工单 read as Order in English', () => {
    const en = i18next.getFixedT('en');
    expect(noticeText('urged', '工单 GD2 催办第 2 次', en)).toBe('Order GD2 催办第 2 次');
    expect(noticeText('urged', '工单 GD2 催办第 2 次', i18next.getFixedT('zh-CN'))).toBe(
      '工单 GD2 催办第 2 次',
    );
  });
  it('keeps every important notice when routine ones scroll out', () => {
    const all = [
      ...Array.from({ length: 60 }, (_, i) => ({ id: `s${i}`, kind: 'status' })),
      { id: 'u', kind: 'urged' },
      { id: 'b', kind: 'sla.breached' },
    ];
    const kept = keepNotices(all, 50);
    expect(kept).toHaveLength(52);
    expect(kept.map((n) => n.id)).toContain('u');
    expect(kept.map((n) => n.id)).toContain('b');
    expect(isImportant('status')).toBe(false);
  });
});
