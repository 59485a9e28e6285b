import { describe, expect, it } from 'vitest';
import { setupI18n } from '../../../app/i18n.js';
import { type AuditFormat, auditFieldLabel, auditValue } from './audit-values.js';

const i18n = setupI18n();
const fmt = (lng: string, entity = 'ticket'): AuditFormat => ({
  t: i18n.getFixedT(lng),
  entity,
  name: (id) => (id === 'u1' ? '李敏' : id),
  crew: (id) => (id === 'k1' ? 'C01 天心区抢修01班' : id),
  dateTime: (iso) => `@${iso.slice(11, 16)}`,
});

describe('the audit trail read as words', () => {
  it('names fields in the reader language, never the raw code', () => {
    const zh = i18n.getFixedT('zh-CN');
    const en = i18n.getFixedT('en');
    expect(auditFieldLabel(zh, 'crewId')).toBe('抢修队伍');
    expect(auditFieldLabel(zh, 'status')).toBe('状态');
    expect(auditFieldLabel(en, 'firstResponderId')).toBe('First responder');
    expect(auditFieldLabel(en, 'someNewField')).toBe('some new field');
  });

  it('shows statuses by entity, people and crews by name, instants, places, flags and nothing', () => {
    const zh = fmt('zh-CN');
    expect(auditValue('status', 'on_site', zh)).toBe('已到达现场');
    expect(auditValue('status', 'off_duty', fmt('zh-CN', 'crew'))).toBe('下班');
    expect(auditValue('status', 'restored', fmt('en', 'outage'))).toBe('Restored');
    expect(auditValue('crewId', 'k1', zh)).toBe('C01 天心区抢修01班');
    expect(auditValue('ownerId', 'u1', zh)).toBe('李敏');
    expect(auditValue('priority', 'urgent', zh)).toBe('紧急');
    expect(auditValue('role', 'dispatcher', fmt('en'))).toBe('Dispatcher');
    expect(auditValue('startedAt', '2026-12-05T08:30:00.000Z', zh)).toBe('@08:30');
    expect(auditValue('location', { lat: 28.2, lng: 112.98 }, zh)).toBe('28.20000, 112.98000');
    expect(auditValue('disabled', true, zh)).toBe('是');
    expect(auditValue('crewId', null, zh)).toBe('–');
    expect(auditValue('skills', ['cable', 'metering'], zh)).toBe('电缆、计量');
    expect(auditValue('callId', '0b9c1f7e-1111-4222-8333-944455556666', zh)).toBe('0b9c1f7e…');
    expect(auditValue('sizeBytes', 300 * 1024, zh)).toBe('300 KB');
  });

  it('reads a nested record field by field', () => {
    expect(
      auditValue(
        'clock',
        { kind: 'arrival', state: 'paused', pausedAt: '2026-12-05T09:00:00Z' },
        fmt('zh-CN'),
      ),
    ).toBe('类型：到达；状态：已暂停；暂停时间：@09:00');
  });
});
