import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeServer, renderWithApp } from '../../../test/render.js';
import { CrewForm } from './CrewsPage.js';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const type = (testId: string, value: string) =>
  fireEvent.change(screen.getByTestId(testId), { target: { value } });

describe('CrewForm', () => {
  it('posts the built payload; a refused save keeps the form and shows the API messages', async () => {
    let attempts = 0;
    const calls = fakeServer((method, url) => {
      if (method === 'GET' && url === '/api/staff') return [200, []];
      if (method === 'POST' && url === '/api/crews') {
        attempts += 1;
        if (attempts === 1)
          return [409, { statusCode: 409, message: 'crew code C41 is taken', error: 'Conflict' }];
        return [201, { id: 'k9' }];
      }
      return [404, { statusCode: 404, message: 'no route', error: 'Not Found' }];
    });
    const onDone = vi.fn();
    renderWithApp(<CrewForm crew={null} onDone={onDone} />);
    type('crew-code', 'c41');
    type('crew-name', '岳麓抢修41班');
    fireEvent.click(screen.getByTestId('crew-skill-cable'));
    type('crew-depot-lat', '28.2');
    type('crew-depot-lng', '112.98');
    fireEvent.click(screen.getByTestId('crew-save'));

    expect(await screen.findByText('队伍编号 C41 已被占用，请换一个', {}, { timeout: 5000 })).toBeTruthy();
    expect(onDone).not.toHaveBeenCalled();
    expect((screen.getByTestId('crew-name') as HTMLInputElement).value).toBe('岳麓抢修41班');
    const post = calls.find((c) => c.method === 'POST');
    expect(post?.body).toEqual({
      code: 'C41',
      name: '岳麓抢修41班',
      skills: ['cable'],
      depot: { lat: 28.2, lng: 112.98 },
      shift: null,
      vehicle: null,
      district: null,
      phone: null,
    });

    fireEvent.click(screen.getByTestId('crew-save'));
    await waitFor(() => expect(onDone).toHaveBeenCalled(), { timeout: 5000 });
  });

  it('does not call the API while the depot coordinates are not numbers', () => {
    const calls = fakeServer(() => [200, []]);
    renderWithApp(<CrewForm crew={null} onDone={() => {}} />);
    type('crew-depot-lat', 'north');
    fireEvent.click(screen.getByTestId('crew-save'));
    expect(screen.getByTestId('crew-form-invalid')).toBeTruthy();
    expect(calls.filter((c) => c.method !== 'GET')).toEqual([]);
  });
});
