import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeServer, renderWithApp } from '../../../test/render.js';
import { CustomerSearch } from './CustomerSearch.js';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('CustomerSearch', () => {
  it('asks for a second character instead of searching one, then searches and offers the matches', async () => {
    const calls = fakeServer(() => [
      200,
      {
        items: [
          {
            id: 'c1',
            name: '王建国',
            phone: '+8613800000001',
            accountNo: '3100012345',
            address: '人民东路 8 号',
          },
        ],
        total: 1,
      },
    ]);
    renderWithApp(<CustomerSearch onSelect={() => {}} />);
    const input = screen.getByTestId('customer-search');
    fireEvent.change(input, { target: { value: '王' } });
    expect((await screen.findByText(/至少输入两个字/)).textContent).toContain('电话后四位');
    expect(calls.filter((c) => c.url.startsWith('/api/customers'))).toHaveLength(0);
    fireEvent.change(input, { target: { value: '王建' } });
    expect((await screen.findByTestId('customer-result')).textContent).toContain('王建国');
    expect(screen.queryByText(/至少输入两个字/)).toBeNull();
    expect(calls.map((c) => c.url).filter((u) => u.startsWith('/api/customers'))).toEqual([
      `/api/customers?q=${encodeURIComponent('王建')}`,
    ]);
  });
});
