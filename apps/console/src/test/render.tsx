import type { User } from '@gd/domain';
import { AuthProvider, setSession } from '@gd/web';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter } from 'react-router';
import { vi } from 'vitest';
import { setupI18n } from '../app/i18n.js';

setupI18n();

export const agent: User = {
  id: 'u-agent',
  username: 'agent1',
  displayName: '王芳',
  role: 'agent',
  crewId: null,
  team: null,
};

export function renderWithApp(ui: ReactNode, user: User = agent) {
  setSession({ token: 'tok', user });
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  return render(
    <QueryClientProvider client={qc}>
      <AuthProvider>
        <MemoryRouter>{ui}</MemoryRouter>
      </AuthProvider>
    </QueryClientProvider>,
  );
}

export interface Recorded {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

/** A fake server: `route(method, url)` returns [status, body]; every request is recorded. */
export function fakeServer(route: (method: string, url: string, body: unknown) => [number, unknown]) {
  const calls: Recorded[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      const method = init?.method ?? 'GET';
      const body = init?.body ? JSON.parse(String(init.body)) : undefined;
      calls.push({ method, url, headers: (init?.headers ?? {}) as Record<string, string>, body });
      const [status, out] = route(method, url, body);
      return new Response(JSON.stringify(out), { status, headers: { 'content-type': 'application/json' } });
    }),
  );
  return calls;
}
