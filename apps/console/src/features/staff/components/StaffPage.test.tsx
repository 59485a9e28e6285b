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
});
