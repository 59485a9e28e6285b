import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { AuthProvider } from './auth.js';
import { initI18n } from './i18n.js';
import { RequireAuth } from './RequireAuth.js';
import { getSession, setSession } from './session.js';
import { TEST_AGENT } from './testUsers.js';

beforeAll(() => {
  initI18n();
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  setSession(null);
});

function stubApi() {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      const json = (status: number, body: unknown) =>
        new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
      if (url === '/api/client-config') return json(200, { demo: true, timeZone: 'Asia/Shanghai' });
      if (url === '/api/auth/me') return json(200, TEST_AGENT);
      if (url === '/api/auth/login') {
        const { password } = JSON.parse(String(init?.body)) as { password: string };
        return password === 'demo95598'
          ? json(200, { accessToken: 'tok', user: TEST_AGENT })
          : json(401, { statusCode: 401, message: 'bad credentials', error: 'Unauthorized' });
      }
      return json(404, { statusCode: 404, message: 'no', error: 'Not Found' });
    }),
  );
}

describe('RequireAuth', () => {
  it('shows the login page, refuses a wrong password, then lets the user in', async () => {
    stubApi();
    render(
      <AuthProvider>
        <RequireAuth>
          <p>secret</p>
        </RequireAuth>
      </AuthProvider>,
    );
    expect(await screen.findByTestId('demo-hint')).toBeTruthy();
    fireEvent.change(screen.getByTestId('login-username'), { target: { value: 'agent1' } });
    fireEvent.change(screen.getByTestId('login-password'), { target: { value: 'wrong' } });
    fireEvent.submit(screen.getByTestId('login-form'));
    expect((await screen.findByTestId('error-box')).textContent).toContain('用户名或密码错误');
    expect(screen.queryByText('secret')).toBeNull();

    fireEvent.change(screen.getByTestId('login-password'), { target: { value: 'demo95598' } });
    fireEvent.submit(screen.getByTestId('login-form'));
    expect(await screen.findByText('secret')).toBeTruthy();
    expect(getSession()?.token).toBe('tok');
  });

  it('tells a signed-in user of another role that the page is not for them', async () => {
    stubApi();
    act(() => setSession({ token: 'tok', user: TEST_AGENT }));
    render(
      <AuthProvider>
        <RequireAuth roles={['supervisor', 'admin']}>
          <p>audit</p>
        </RequireAuth>
      </AuthProvider>,
    );
    await waitFor(() => expect(screen.getByTestId('forbidden').textContent).toContain('客服代表'));
    expect(screen.queryByText('audit')).toBeNull();
  });
});
