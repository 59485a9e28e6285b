import { describe, expect, it } from 'vitest';
import { sendableAt } from './message-rules.js';
import { renderTemplate, TEMPLATE_CODES, TEMPLATES, TemplateVariableError } from './templates.js';

describe('message templates', () => {
  it('use exactly the variables each declares, in both languages', () => {
    for (const code of TEMPLATE_CODES) {
      const t = TEMPLATES[code];
      for (const lang of ['zh', 'en'] as const) {
        const used = [...t[lang].matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
        expect(new Set(used), `${code} ${lang}`).toEqual(new Set(t.variables));
      }
      const vars = Object.fromEntries(t.variables.map((v) => [v, `<${v}>`]));
      expect(renderTemplate(code, vars)).not.toMatch(/[{}]/);
    }
  });

  it('refuse a variable the template does not declare, and a missing one', () => {
    expect(() => renderTemplate('order_completed', { number: 'GD1', customerName: '张三' })).toThrow(
      TemplateVariableError,
    );
    expect(() => renderTemplate('crew_dispatched', { number: 'GD1', crew: '一班' })).toThrow(/needs eta/);
    expect(renderTemplate('crew_dispatched', { number: 'GD1', crew: '一班', eta: '12' })).toBe(
      '工单GD1：抢修人员一班已派出，预计12分钟到达。',
    );
  });

  it('route only routine messages through quiet hours', () => {
    expect(TEMPLATES.outage_fault.routine).toBe(false);
    expect(TEMPLATES.outage_restored.routine).toBe(false);
    expect(TEMPLATES.order_accepted.routine).toBe(true);
  });
});

describe('quiet hours', () => {
  const tz = 'Asia/Shanghai';
  it('hold a message due at night until the window ends, across midnight', () => {
    // 23:30 in Changsha → 07:00 the next morning.
    expect(sendableAt(new Date('2026-12-05T15:30:00Z'), '22:00-07:00', tz).toISOString()).toBe(
      '2026-12-05T23:00:00.000Z',
    );
    // 03:10 → 07:00 the same morning.
    expect(sendableAt(new Date('2026-12-05T19:10:00Z'), '22:00-07:00', tz).toISOString()).toBe(
      '2026-12-05T23:00:00.000Z',
    );
    // 07:00 and 12:00 are outside.
    const morning = new Date('2026-12-05T23:00:00Z');
    expect(sendableAt(morning, '22:00-07:00', tz)).toBe(morning);
    const noon = new Date('2026-12-06T04:00:00Z');
    expect(sendableAt(noon, '22:00-07:00', tz)).toBe(noon);
    expect(sendableAt(new Date('2026-12-05T15:30:00Z'), 'off', tz).toISOString()).toBe(
      '2026-12-05T15:30:00.000Z',
    );
    // A window inside one day.
    expect(sendableAt(new Date('2026-12-06T05:15:00Z'), '13:00-14:00', tz).toISOString()).toBe(
      '2026-12-06T06:00:00.000Z',
    );
  });
});
