import { describe, expect, it } from 'vitest';
import type { CustomerMessage } from '../api/get-messages.js';
import { summary, wordsFor } from './labels.js';

const m = (status: CustomerMessage['status']): CustomerMessage => ({
  id: status,
  ticketId: null,
  customerId: null,
  to: '+8613800000000',
  channel: 'sms',
  template: 'order_accepted',
  text: '…',
  status,
  attempts: 1,
  createdAt: '2026-12-05T00:00:00Z',
});

describe('message labels', () => {
  it('count only what reached the customer', () => {
    expect(summary(wordsFor('zh-CN'), [m('sent'), m('suppressed'), m('sent'), m('dead')])).toBe(
      '已告知客户 2 条',
    );
    expect(summary(wordsFor('zh-CN'), [m('queued'), m('dead')])).toBe('尚未给客户发送消息');
    expect(summary(wordsFor('en'), [m('sent')])).toBe('Customer told 1 times');
  });

  it('say how many wait for the end of quiet hours', () => {
    const held = { ...m('queued'), heldUntil: '2026-12-05T23:00:00Z', heldFor: 'quiet_hours' as const };
    expect(summary(wordsFor('zh-CN'), [held, m('sent')])).toBe('已告知客户 1 条 · 1 条夜间免打扰，早上发送');
    expect(summary(wordsFor('en'), [held])).toBe(
      'Nothing sent to the customer yet · 1 held for quiet hours, sent in the morning',
    );
  });
});
