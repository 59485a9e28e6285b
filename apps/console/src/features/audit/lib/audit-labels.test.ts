import type { AuditEntry, User } from '@gd/domain';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setupI18n } from '../../../app/i18n.js';
import { agent, fakeServer, renderWithApp } from '../../../test/render.js';
import { AuditPage } from '../components/AuditPage.js';
import {
  AUDIT_ACTIONS,
  AUDIT_ENTITIES,
  auditActionLabel,
  auditEntityLabel,
  codeKey,
  shortId,
  statusOfAction,
} from './audit-labels.js';

const i18n = setupI18n();
const zh = i18n.getFixedT('zh-CN');
const en = i18n.getFixedT('en');

describe('audit action labels', () => {
  it('names the recorded actions in Chinese', () => {
    expect(auditActionLabel(zh, 'ticket.create')).toBe('创建工单');
    expect(auditActionLabel(zh, 'call.create')).toBe('接听来电');
    expect(auditActionLabel(zh, 'call.update')).toBe('更新来电');
    expect(auditActionLabel(zh, 'ticket.handoff')).toBe('转派');
    expect(auditActionLabel(zh, 'ticket.urge')).toBe('催办');
    expect(auditActionLabel(zh, 'ticket.merge')).toBe('合并');
    expect(auditActionLabel(zh, 'ticket.crew_added')).toBe('增派队伍');
    expect(auditActionLabel(zh, 'sla.pause')).toBe('暂停时限');
    expect(auditActionLabel(zh, 'sla.resume')).toBe('恢复时限');
    expect(auditActionLabel(zh, 'outage.create')).toBe('发布停电');
    expect(auditActionLabel(zh, 'ticket.reopened')).toBe('重新打开工单');
  });

  it('names workflow moves by the localized status', () => {
    expect(auditActionLabel(zh, 'ticket.dispatched')).toBe('工单状态→「已派单」');
    expect(auditActionLabel(zh, 'ticket.on_site')).toBe('工单状态→「已到达现场」');
    expect(auditActionLabel(zh, 'ticket.merged')).toBe('工单状态→「已合并」');
    expect(auditActionLabel(en, 'ticket.dispatched')).toBe('Status → “Dispatched”');
    expect(auditActionLabel(en, 'ticket.in_progress')).toBe('Status → “In progress”');
    expect(statusOfAction('ticket.closed')).toBe('closed');
    expect(statusOfAction('ticket.create')).toBeNull();
    expect(statusOfAction('call.closed')).toBeNull();
  });

  it('names the recorded actions in English', () => {
    expect(auditActionLabel(en, 'ticket.create')).toBe('Order created');
    expect(auditActionLabel(en, 'call.update')).toBe('Call updated');
    expect(auditActionLabel(en, 'ticket.crew_added')).toBe('Extra crew dispatched');
    expect(auditActionLabel(en, 'sla.resume')).toBe('SLA resumed');
  });

  it('shows an unknown code as it is, in both languages', () => {
    for (const t of [zh, en]) {
      expect(auditActionLabel(t, 'ticket.teleported')).toBe('ticket.teleported');
      expect(auditActionLabel(t, 'billing.refund')).toBe('billing.refund');
      expect(auditActionLabel(t, 'audit')).toBe('audit');
      expect(auditActionLabel(t, '')).toBe('');
      expect(auditEntityLabel(t, 'meter')).toBe('meter');
    }
  });

  it('has a label (not the raw code) for every action the filter offers, in both languages', () => {
    expect(new Set(AUDIT_ACTIONS).size).toBe(AUDIT_ACTIONS.length);
    for (const code of AUDIT_ACTIONS) {
      for (const t of [zh, en]) {
        const label = auditActionLabel(t, code);
        expect(label, `${code}`).not.toBe(code);
        expect(label, `${code}`).not.toMatch(/audit\.|ticketStatus\./);
      }
      expect(auditActionLabel(zh, code)).not.toBe(auditActionLabel(en, code));
    }
  });

  it('maps dotted codes to key segments without dots', () => {
    expect(codeKey('ticket.crew_added')).toBe('ticket_crew_added');
    expect(codeKey('a.b:c')).toBe('a_b_c');
  });
});

describe('audit entity labels', () => {
  it('names every recorded entity in both languages', () => {
    expect(auditEntityLabel(zh, 'ticket')).toBe('工单');
    expect(auditEntityLabel(zh, 'call')).toBe('来电');
    expect(auditEntityLabel(zh, 'customer')).toBe('客户');
    expect(auditEntityLabel(zh, 'staff')).toBe('人员');
    expect(auditEntityLabel(zh, 'crew')).toBe('队伍');
    expect(auditEntityLabel(zh, 'outage')).toBe('停电');
    expect(auditEntityLabel(zh, 'callback')).toBe('回访');
    expect(auditEntityLabel(en, 'ticket')).toBe('Order');
    expect(auditEntityLabel(en, 'call')).toBe('Call');
    for (const e of AUDIT_ENTITIES) {
      expect(auditEntityLabel(zh, e)).not.toBe(e);
      expect(auditEntityLabel(en, e)).not.toBe(e);
    }
  });

  it('shortens long ids only', () => {
    expect(shortId('0b6f3c2e-1111-4222-8333-444455556666')).toBe('0b6f3c2e…');
    expect(shortId('dispatch')).toBe('dispatch');
    expect(shortId('')).toBe('');
  });
});

const supervisor: User = {
  ...agent,
  id: 'u-sup',
  username: 'supervisor1',
  displayName: '班长',
  role: 'supervisor',
};
const TICKET_ID = '0b6f3c2e-1111-4222-8333-444455556666';
const entry = (over: Partial<AuditEntry>): AuditEntry => ({
  id: 1,
  at: '2026-11-22T03:00:00.000Z',
  actorId: null,
  action: 'ticket.create',
  entity: 'ticket',
  entityId: TICKET_ID,
  before: null,
  after: null,
  ...over,
});

describe('AuditPage', () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('shows localized actions and entities, links orders and filters by the exact code', async () => {
    const items = [
      entry({
        id: 3,
        action: 'ticket.dispatched',
        before: { status: 'accepted', ownerId: 'u1' },
        after: { status: 'dispatched', ownerId: 'u1' },
      }),
      entry({
        id: 2,
        action: 'call.update',
        entity: 'call',
        entityId: '9a9a9a9a-0000-4000-8000-000000000000',
      }),
      entry({ id: 1, action: 'weird.thing', entity: 'meter', entityId: null }),
    ];
    const calls = fakeServer((method, url) => {
      if (url === '/api/auth/me') return [200, supervisor];
      if (method === 'GET' && url.startsWith('/api/staff'))
        return [200, [{ id: 'u1', username: 'agent1', displayName: '客服 李敏' }]];
      if (url === `/api/tickets/${TICKET_ID}` || url === '/api/tickets/GD20261122000001')
        return [200, { id: TICKET_ID, number: 'GD20261122000001' }];
      if (method === 'GET' && url.startsWith('/api/audit')) return [200, { items, total: items.length }];
      return [404, { statusCode: 404, message: 'no route', error: 'Not Found' }];
    });
    await i18n.changeLanguage('zh-CN');
    renderWithApp(createElement(AuditPage), supervisor);
    const rows = await screen.findAllByTestId('audit-row');
    expect(rows).toHaveLength(3);

    const [dispatched, call, weird] = rows as [HTMLElement, HTMLElement, HTMLElement];
    const action = within(dispatched).getByTestId('audit-action');
    expect(action.textContent).toContain('工单状态→「已派单」');
    expect(action.textContent).toContain('ticket.dispatched');
    expect(action.getAttribute('title')).toBe('ticket.dispatched');
    expect(within(dispatched).getByTestId('audit-entity').textContent).toBe('工单');
    const link = within(dispatched).getByRole('link');
    expect(link.getAttribute('href')).toBe(`/tickets/${TICKET_ID}`);
    await waitFor(() => expect(link.textContent).toBe('GD20261122000001'));
    // 详情: a before/after table in words (field names and statuses, not codes), the changed field first and
    // marked, people by name.
    const diff = within(dispatched).getByTestId('audit-diff');
    const [changed, same] = within(diff).getAllByRole('row').slice(1) as [HTMLElement, HTMLElement];
    expect(changed.className).toBe('changed');
    expect(changed.textContent).toBe('状态已受理已派单');
    expect(changed.querySelector('th')?.getAttribute('title')).toBe('status');
    expect(same.textContent).toBe('当前处理人客服 李敏客服 李敏');

    expect(within(call).getByTestId('audit-action').textContent).toContain('更新来电');
    expect(within(call).getByTestId('audit-entity').textContent).toBe('来电');
    expect(within(call).queryByRole('link')).toBeNull();
    expect(within(call).getByTestId('audit-entity-id').textContent).toBe('9a9a9a9a…');
    expect(within(call).getByTestId('audit-entity-id').getAttribute('title')).toBe(
      '9a9a9a9a-0000-4000-8000-000000000000',
    );

    expect(within(weird).getByTestId('audit-action').textContent).toContain('weird.thing');
    expect(within(weird).getByTestId('audit-entity').textContent).toBe('meter');

    const select = screen.getByTestId('audit-action-filter') as HTMLSelectElement;
    const option = within(select).getByText('增派队伍') as HTMLOptionElement;
    expect(option.value).toBe('ticket.crew_added');
    fireEvent.change(select, { target: { value: 'ticket.crew_added' } });
    fireEvent.change(screen.getByTestId('audit-entity-filter'), { target: { value: 'ticket' } });
    fireEvent.submit(screen.getByTestId('audit-filter'));
    await waitFor(() =>
      expect(
        calls.some((c) => c.url.includes('action=ticket.crew_added') && c.url.includes('entity=ticket')),
      ).toBe(true),
    );

    // By the number a person quotes: looked up to the order, the trail filtered by its id.
    fireEvent.change(screen.getByTestId('audit-number-filter'), { target: { value: 'gd20261122000001' } });
    fireEvent.submit(screen.getByTestId('audit-filter'));
    await waitFor(() =>
      expect(
        calls.some((c) => c.url.includes(`entityId=${TICKET_ID}`) && c.url.includes('entity=ticket')),
      ).toBe(true),
    );
    fireEvent.change(screen.getByTestId('audit-number-filter'), { target: { value: 'GD20990101000009' } });
    fireEvent.submit(screen.getByTestId('audit-filter'));
    expect((await screen.findByTestId('audit-number-problem')).textContent).toBe(
      '没有工单号为 GD20990101000009 的工单',
    );

    await i18n.changeLanguage('en');
    try {
      await waitFor(() =>
        expect(
          within(screen.getAllByTestId('audit-row')[0]!).getByTestId('audit-action').textContent,
        ).toContain('Status → “Dispatched”'),
      );
    } finally {
      await i18n.changeLanguage('zh-CN');
    }
  });
});
