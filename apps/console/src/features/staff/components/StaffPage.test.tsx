import type { User } from '@gd/domain';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { agent, fakeServer, renderWithApp } from '../../../test/render.js';
import { StaffPage } from './StaffPage.js';

const admin: User = { ...agent, id: 'u-admin', username: 'admin', displayName: '系统管理员', role: 'admin' };
const agent2: User = {
  id: 'u-2',
  username: 'agent2',
  displayName: '客服 王芳',
  role: 'agent',
  crewId: null,
  district: null,
  team: '一班',
  disabled: false,
};

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('StaffPage', () => {
  it('shows each account’s team and lets the admin clear or set it', async () => {
    const calls = fakeServer((method, url, body) => {
      if (url === '/api/auth/me') return [200, admin];
      if (method === 'GET' && url === '/api/staff') return [200, [agent2]];
      if (method === 'PATCH' && url === '/api/staff/u-2') return [200, { ...agent2, ...(body as object) }];
      if (method === 'POST' && url === '/api/staff')
        return [201, { ...agent2, ...(body as object), id: 'u-9' }];
      return [404, { statusCode: 404, message: 'no route', error: 'Not Found' }];
    });
    renderWithApp(<StaffPage />, admin);
    const row = await screen.findByTestId('staff-row');
    expect(within(row).getByTestId('staff-team').textContent).toBe('一班');

    fireEvent.click(within(row).getByText('编辑'));
    const team = screen.getByTestId('staff-team-input') as HTMLInputElement;
    expect(team.value).toBe('一班');
    fireEvent.change(team, { target: { value: '  ' } });
    fireEvent.click(screen.getByTestId('staff-save'));
    await waitFor(() => expect(calls.some((c) => c.method === 'PATCH')).toBe(true));
    expect(calls.find((c) => c.method === 'PATCH')?.body).toMatchObject({ team: null });

    await waitFor(() => expect(screen.queryByTestId('staff-form')).toBeNull());
    fireEvent.click(screen.getByTestId('staff-add'));
    const form = screen.getByTestId('staff-form');
    const [username, name] = within(form).getAllByRole('textbox') as HTMLInputElement[];
    fireEvent.change(username!, { target: { value: 'agent9' } });
    fireEvent.change(name!, { target: { value: '客服 孙丽' } });
    fireEvent.change(form.querySelector('input[type="password"]')!, { target: { value: 'long-enough-1' } });
    fireEvent.change(screen.getByTestId('staff-team-input'), { target: { value: ' 二班 ' } });
    fireEvent.click(screen.getByTestId('staff-save'));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')?.body).toMatchObject({ username: 'agent9', team: '二班' });
  });

  it('asks before 停用, never offers it on one’s own row, picks a crew from the list and says a taken username in Chinese', async () => {
    const calls = fakeServer((method, url, body) => {
      if (url === '/api/auth/me') return [200, admin];
      if (method === 'GET' && url === '/api/staff') return [200, [admin, agent2]];
      if (method === 'GET' && url === '/api/crews')
        return [200, [{ id: 'k7', code: 'C07', name: '岳麓区抢修01班', skills: [], status: 'available' }]];
      if (method === 'GET' && url === '/api/zones')
        return [
          200,
          {
            type: 'FeatureCollection',
            features: [
              {
                type: 'Feature',
                properties: { id: 'z1', name: 'a', district: '岳麓区', zoneClass: 'urban' },
                geometry: { type: 'Polygon', coordinates: [] },
              },
            ],
          },
        ];
      if (method === 'PATCH' && url === '/api/staff/u-2') return [200, { ...agent2, ...(body as object) }];
      if (method === 'POST' && url === '/api/staff')
        return [409, { statusCode: 409, message: 'username crew77 is taken', error: 'Conflict' }];
      return [404, { statusCode: 404, message: 'no route', error: 'Not Found' }];
    });
    renderWithApp(<StaffPage />, admin);
    const [mine, other] = (await screen.findAllByTestId('staff-row')) as [HTMLElement, HTMLElement];
    expect(within(mine).queryByTestId('staff-disable')).toBeNull();
    expect(within(mine).getByTestId('staff-self').textContent).toBe('（本人）');

    fireEvent.click(within(other).getByTestId('staff-disable'));
    expect(calls.some((c) => c.method === 'PATCH')).toBe(false);
    fireEvent.click(within(other).getByTestId('staff-disable-confirm'));
    await waitFor(() => expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({ disabled: true }));

    fireEvent.click(screen.getByTestId('staff-add'));
    const form = screen.getByTestId('staff-form');
    const [username, name] = within(form).getAllByRole('textbox') as HTMLInputElement[];
    fireEvent.change(username!, { target: { value: 'crew77' } });
    fireEvent.change(name!, { target: { value: '抢修 赵强' } });
    fireEvent.change(form.querySelector('input[type="password"]')!, { target: { value: 'long-enough-1' } });
    fireEvent.change(within(form).getByRole('combobox', { name: /角色/ }), { target: { value: 'crew' } });
    await waitFor(() =>
      expect(within(screen.getByTestId('staff-crew')).getByText(/岳麓区抢修01班/)).toBeTruthy(),
    );
    fireEvent.change(screen.getByTestId('staff-crew'), { target: { value: 'k7' } });
    await waitFor(() =>
      expect(within(screen.getByTestId('staff-district')).getByText('岳麓区')).toBeTruthy(),
    );
    fireEvent.change(screen.getByTestId('staff-district'), { target: { value: '岳麓区' } });
    fireEvent.click(screen.getByTestId('staff-save'));
    expect((await screen.findByText('用户名 crew77 已被占用，请换一个')).tagName).toBe('LI');
    expect(calls.find((c) => c.method === 'POST')?.body).toMatchObject({ crewId: 'k7', district: '岳麓区' });
  });
});
