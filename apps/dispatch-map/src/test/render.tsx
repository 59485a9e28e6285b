import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';

export function renderWithQuery(ui: ReactElement) {
  const client = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
  return render(<QueryClientProvider client={client}>{ui}</QueryClientProvider>);
}

export interface FakeRoute {
  method?: string;
  path: string | RegExp;
  respond: (init: RequestInit | undefined, url: string) => Response | Promise<Response>;
}

/** A fetch that answers from a route table (the network is the boundary; the app code runs for real). */
export function fakeFetch(routes: FakeRoute[]) {
  const calls: { method: string; url: string; body: unknown }[] = [];
  const fn = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const method = init?.method ?? 'GET';
    calls.push({ method, url, body: init?.body ? JSON.parse(String(init.body)) : undefined });
    const route = routes.find(
      (r) =>
        (r.method ?? 'GET') === method &&
        (typeof r.path === 'string' ? url.split('?')[0] === r.path : r.path.test(url)),
    );
    if (!route) return json({ statusCode: 404, message: `Cannot ${method} ${url}`, error: 'Not Found' }, 404);
    return route.respond(init, url);
  };
  return { fn, calls };
}

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}
