import type { CallbackListItem } from '@gd/domain';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeServer, renderWithApp } from '../../../test/render.js';
import { SurveyForm } from './SurveyForm.js';

const callback: CallbackListItem = {
  id: 'cb1',
  ticketId: 't1',
  dueAt: '2026-11-23T07:00:00.000Z',
  attempts: 0,
  status: 'due',
  nextAttemptAt: null,
  sortAt: '2026-11-23T07:00:00.000Z',
  overdue: false,
  createdAt: '2026-11-22T07:00:00.000Z',
  completedAt: null,
  ticketNumber: 'GD20261122000001',
  ticketType: 'fault_repair',
  ticketStatus: 'completed',
  customerId: 'c1',
  customerName: '潘磊珍',
  customerPhone: '+8613012104638',
  address: null,
  district: null,
  outcome: null,
};

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('SurveyForm', () => {
  it('is answered from the keyboard and sends exactly the answers given', async () => {
    const calls = fakeServer((method, url, body) => {
      if (method === 'POST' && url === '/api/callbacks/cb1/attempts') {
        return [200, { ...callback, status: 'done', attempts: 1, outcome: 'reopened', body }];
      }
      return [404, { statusCode: 404, message: 'no', error: 'Not Found' }];
    });
    const posts = () => calls.filter((c) => c.method === 'POST');
    const onSaved = vi.fn();
    renderWithApp(<SurveyForm callback={callback} onNext={() => {}} onPrev={() => {}} onSaved={onSaved} />);

    // Ctrl+Enter on an empty form only shows what is missing.
    fireEvent.keyDown(window, { key: 'Enter', ctrlKey: true });
    expect(await screen.findByTestId('survey-errors')).toBeTruthy();
    expect(posts()).toHaveLength(0);

    for (const key of ['r', 'n', '3', 'e']) fireEvent.keyDown(window, { key });
    expect(screen.getByTestId('survey-satisfaction-dissatisfied').getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByTestId('survey-resolved-no').getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByTestId('survey-outcome').textContent).toMatch(/重新打开/);
    fireEvent.change(screen.getByTestId('survey-comment'), { target: { value: '又停电了' } });
    // Keys typed into the comment box are text, not answers.
    fireEvent.keyDown(screen.getByTestId('survey-comment'), { key: '1' });
    expect(screen.getByTestId('survey-satisfaction-dissatisfied').getAttribute('aria-pressed')).toBe('true');

    fireEvent.keyDown(screen.getByTestId('survey-comment'), { key: 'Enter', ctrlKey: true });
    await waitFor(() => expect(posts()).toHaveLength(1));
    expect(posts()[0]!.body).toEqual({
      reached: true,
      resolved: false,
      satisfaction: 'dissatisfied',
      timeliness: 'dissatisfied',
      comment: '又停电了',
    });
    await waitFor(() =>
      expect(onSaved).toHaveBeenCalledWith(expect.stringMatching(/GD20261122000001.*重新打开/)),
    );
  });
});
