import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, api, apiUrl } from './api.js';
import { getSession, SESSION_KEY, setSession } from './session.js';
import { TEST_AGENT } from './testUsers.js';

function respond(status: number, body: unknown) {
  return vi.fn(
    async (_url: string, _init?: RequestInit) =>
      new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }),
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
  setSession(null);
});

describe('apiUrl', () => {
  it('prefixes /api and drops empty query values', () => {
    expect(apiUrl('/tickets', { status: 'accepted', page: 2, q: '', x: undefined })).toBe(
      '/api/tickets?status=accepted&page=2',
    );
    expect(apiUrl('customers', { q: '张 三' })).toBe('/api/customers?q=%E5%BC%A0+%E4%B8%89');
  });
});

describe('api', () => {
  it('sends the bearer token, JSON body and idempotency key', async () => {
    setSession({ token: 'tok', user: TEST_AGENT });
    const fetch = respond(201, { id: 't1' });
    vi.stubGlobal('fetch', fetch);
    await expect(api('/tickets', { method: 'POST', body: { a: 1 }, idempotencyKey: 'k-1' })).resolves.toEqual(
      {
        id: 't1',
      },
    );
    const [url, init] = fetch.mock.calls[0] as [string, RequestInit];
    expect(url).toBe('/api/tickets');
    expect(init.method).toBe('POST');
    expect(init.body).toBe('{"a":1}');
    expect(init.headers).toMatchObject({ Authorization: 'Bearer tok', 'Idempotency-Key': 'k-1' });
  });

  it('throws ApiError with every message of a 400', async () => {
    vi.stubGlobal(
      'fetch',
      respond(400, { statusCode: 400, message: ['phone bad', 'type bad'], error: 'Bad Request' }),
    );
    const err = await api('/x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 400, messages: ['phone bad', 'type bad'] });
  });

  it('signs the tab out on a 401', async () => {
    setSession({ token: 'old', user: TEST_AGENT });
    vi.stubGlobal('fetch', respond(401, { statusCode: 401, message: 'expired', error: 'Unauthorized' }));
    await expect(api('/tickets')).rejects.toMatchObject({ status: 401, messages: ['expired'] });
    expect(getSession()).toBeNull();
    expect(localStorage.getItem(SESSION_KEY)).toBeNull();
  });

  it('reports a network failure as status 0', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    await expect(api('/x')).rejects.toMatchObject({ status: 0 });
  });
});
